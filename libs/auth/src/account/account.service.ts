import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { emailVerificationTemplate, MessagesService, passwordResetTemplate } from '@greenlight/messages';
import { AuthException, AuthExceptionCode } from '../auth.exception';
import { hashPassword } from '../session/password';
import { Session, SessionsService } from '../session/sessions.service';
import { UserEntity } from '../users/user.entity';
import { toUserView, UserView } from '../users/user.view';
import { UsersRepository } from '../users/users.repository';
import { AccountTokensRepository, TokenPurpose } from './account-tokens.repository';
import { EmailVerifiedHooks } from './email-verified.hooks';

/** Password reset and email verification: a link by email, good once, for an hour. */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: AccountTokensRepository,
    private readonly sessions: SessionsService,
    private readonly messages: MessagesService,
    private readonly hooks: EmailVerifiedHooks,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Answers the same whether or not the address has an account: only its owner's mailbox learns. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email.trim());
    if (user) await this.mail(user, 'password_reset', '/reset-password');
  }

  /** A new password ends every session (whoever knew the old one is out) and opens one for the person here. */
  async resetPassword(token: string, password: string): Promise<Session> {
    const userId = await this.tokens.consume(token, 'password_reset');
    if (!userId) throw this.badToken();
    // Following a link from the mailbox proves the address too.
    const user = await this.users.update(userId, { passwordHash: await hashPassword(password), verifyEmail: true });
    if (!user) throw this.badToken();
    await this.hooks.verified(user);
    await this.sessions.endAll(userId);
    return this.sessions.open(user);
  }

  async confirmEmail(token: string): Promise<UserView> {
    const userId = await this.tokens.consume(token, 'email_verification');
    const user = userId ? await this.users.update(userId, { verifyEmail: true }) : null;
    if (!user) throw this.badToken();
    await this.hooks.verified(user);
    return toUserView(user);
  }

  sendVerification(user: UserEntity): Promise<void> {
    return this.mail(user, 'email_verification', '/verify-email');
  }

  private async mail(user: UserEntity, purpose: TokenPurpose, page: string): Promise<void> {
    const token = await this.tokens.issue(user.id, purpose);
    const link = new URL(`${page}?token=${token}`, this.config.PUBLIC_URL).toString();
    const template = purpose === 'password_reset' ? passwordResetTemplate : emailVerificationTemplate;
    await this.messages.send({
      kind: purpose === 'password_reset' ? 'password-reset' : 'email-verification',
      to: user.email,
      locale: user.locale,
      userId: user.id,
      ...template[user.locale]({ name: user.name, programName: this.config.PROGRAM_NAME, link }),
      // One message per link: the token's own digest names it (never the token, which the log must not hold).
      dedupeKey: `${purpose}-${createHash('sha256').update(token).digest('hex').slice(0, 32)}`,
    });
  }

  private badToken() {
    return new AuthException(AuthExceptionCode.InvalidToken, 'token: this link is invalid, used or expired');
  }
}
