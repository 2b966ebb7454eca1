import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthException, AuthExceptionCode } from '../auth.exception';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { toUserView, UserView } from '../users/user.view';
import { RegisterDto } from '../dto/auth.dto';
import { dummyHash, hashPassword, verifyPassword } from './password';

/** After this many failures in a row an account's sign-ins are slowed, whatever the IP. */
export const FAILURES_BEFORE_SLOWDOWN = 5;
const BASE_DELAY_S = 30;
const MAX_DELAY_S = 15 * 60;

export function slowdownSeconds(failures: number): number {
  if (failures < FAILURES_BEFORE_SLOWDOWN) return 0;
  return Math.min(BASE_DELAY_S * 2 ** (failures - FAILURES_BEFORE_SLOWDOWN), MAX_DELAY_S);
}

export interface Session {
  user: UserView;
  accessToken: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
  ) {}

  async register(dto: RegisterDto): Promise<Session> {
    const user = await this.users.create({
      email: dto.email,
      passwordHash: await hashPassword(dto.password),
      name: dto.name,
      role: 'member',
      locale: dto.locale ?? 'en',
    });
    if (!user) throw new AuthException(AuthExceptionCode.EmailTaken, 'An account with this email already exists.');
    return this.sessionFor(user);
  }

  /** The same message for an unknown email and a wrong password: a sign-in form must not reveal who is a member. */
  async validateCredentials(email: string, password: string): Promise<UserEntity> {
    const user = await this.users.findByEmail(email.trim());
    if (!user) {
      await verifyPassword(await dummyHash(), password);
      throw this.invalidCredentials();
    }
    const wait = this.secondsToWait(user);
    if (wait > 0) {
      const error = new AuthException(
        AuthExceptionCode.AccountSlowedDown,
        `Too many failed sign-ins for this account. Try again in ${wait} seconds.`,
      );
      error.retryAfter = wait;
      throw error;
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.users.recordFailedLogin(user.id);
      throw this.invalidCredentials();
    }
    if (user.failedLogins > 0) await this.users.resetFailedLogins(user.id);
    return user;
  }

  async sessionFor(user: UserEntity): Promise<Session> {
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role, locale: user.locale });
    return { user: toUserView(user), accessToken };
  }

  private secondsToWait(user: UserEntity): number {
    const delay = slowdownSeconds(user.failedLogins);
    if (!delay || !user.lastFailedLoginAt) return 0;
    const elapsed = (Date.now() - user.lastFailedLoginAt.getTime()) / 1000;
    return Math.max(0, Math.ceil(delay - elapsed));
  }

  private invalidCredentials() {
    return new AuthException(AuthExceptionCode.InvalidCredentials, 'The email or password is incorrect.');
  }
}
