import { Injectable } from '@nestjs/common';
import { AuthException, AuthExceptionCode } from '../auth.exception';
import { AccountService } from '../account/account.service';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { RegisterDto } from '../dto/auth.dto';
import { LoginThrottleRepository, ThrottlePolicy } from './login-throttle.repository';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { Session, SessionsService } from './sessions.service';

/**
 * Sign-in slow-down, per typed address and client IP: the fifth attempt in a row from one IP makes the
 * next wait 30 s, then 60 s, doubling to 15 min. Someone guessing from elsewhere slows only themselves,
 * never the owner signing in from their own connection; the per-IP rate limit (AUTH_RATE_LIMIT) bounds
 * how many addresses one IP can try.
 */
export const LOGIN_THROTTLE: ThrottlePolicy = {
  freeAttempts: 5,
  baseDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  forgetAfterSeconds: 24 * 3600,
};

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleRepository,
    private readonly account: AccountService,
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
    await this.account.sendVerification(user);
    return this.sessionFor(user);
  }

  /**
   * The same answers, in the same order and time, for an unknown address and a wrong password: a
   * sign-in form must not reveal who is a member. The attempt is counted before the password is checked.
   */
  async validateCredentials(email: string, password: string, clientIp: string): Promise<UserEntity> {
    const typed = email.trim().toLowerCase();
    const wait = await this.throttle.attempt(typed, clientIp, LOGIN_THROTTLE);
    if (wait > 0) {
      const error = new AuthException(
        AuthExceptionCode.AccountSlowedDown,
        `Too many failed sign-ins for this account. Try again in ${wait} seconds.`,
      );
      error.retryAfter = wait;
      throw error;
    }
    const user = await this.users.findByEmail(typed);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok) throw this.invalidCredentials();
    await this.throttle.clear(typed, clientIp);
    return user;
  }

  sessionFor(user: UserEntity): Promise<Session> {
    return this.sessions.open(user);
  }

  private invalidCredentials() {
    return new AuthException(AuthExceptionCode.InvalidCredentials, 'The email or password is incorrect.');
  }
}
