import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { AuthException, AuthExceptionCode } from '../auth.exception';
import { AuditService } from '../audit/audit.service';
import { UpdateMeDto, UserSearchDto } from '../dto/auth.dto';
import { refuseWithoutLocalLogin } from '../session/local-login.guard';
import { dummyHash, hashPassword, verifyPassword } from '../session/password';
import type { AuthUser } from '../session/roles';
import { SessionsService } from '../session/sessions.service';
import { Role } from './user.entity';
import { UsersRepository } from './users.repository';
import { toUserView, UserView } from './user.view';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async get(id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user) throw new AuthException(AuthExceptionCode.NotSignedIn, 'Your account no longer exists.');
    return toUserView(user);
  }

  /** A new password ends the user's other sessions: whoever knew the old one is signed out everywhere else. */
  async updateMe(caller: AuthUser, dto: UpdateMeDto): Promise<UserView> {
    const id = caller.id;
    const user = await this.users.findById(id);
    if (!user) throw new AuthException(AuthExceptionCode.NotSignedIn, 'Your account no longer exists.');
    const changes: Parameters<UsersRepository['update']>[1] = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.locale !== undefined) changes.locale = dto.locale;
    if (dto.password !== undefined) {
      refuseWithoutLocalLogin(this.config);
      // A member of single sign-on only has no password to confirm: they set one through a reset link.
      if (!(await verifyPassword(user.passwordHash ?? (await dummyHash()), dto.currentPassword ?? ''))) {
        throw new AuthException(
          AuthExceptionCode.WrongCurrentPassword,
          'currentPassword: the current password is incorrect',
        );
      }
      changes.passwordHash = await hashPassword(dto.password);
    }
    const updated = Object.keys(changes).length ? await this.users.update(id, changes) : user;
    if (changes.passwordHash) await this.sessions.endAll(id, caller.sessionId);
    else if (changes.locale !== undefined && changes.locale !== user.locale) await this.sessions.userChanged(id);
    return toUserView(updated!);
  }

  /** A new role ends the user's sessions, so a demotion holds from the next request, not the token's expiry. */
  async setRole(actorId: string, id: string, role: Role): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user) throw new AuthException(AuthExceptionCode.UserNotFound, 'No such user.');
    if (user.role === role) return toUserView(user);
    const updated = await this.users.update(id, { role });
    await this.sessions.endAll(id);
    await this.audit.record({
      actorId,
      action: 'user.role_changed',
      subjectType: 'user',
      subjectId: id,
      details: { from: user.role, to: role },
    });
    return toUserView(updated!);
  }

  async search(query: UserSearchDto) {
    const [users, total] = await this.users.search(query);
    return { items: users.map(toUserView), total, page: query.page, pageSize: query.pageSize };
  }
}
