import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { UserEntity } from '../users/user.entity';
import { toUserView, UserView } from '../users/user.view';
import { ActiveSessions } from './active-sessions';
import { SessionsRepository } from './sessions.repository';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** JWT_TTL (`12h`, `30m`, `7d`) in seconds: how long a token, its session row and the cookie last. */
export const sessionSeconds = (ttl: string) => Number(ttl.slice(0, -1)) * UNITS[ttl.slice(-1)];

export interface Session {
  user: UserView;
  accessToken: string;
}

/** Opening and ending sessions; whatever ends here is refused from the next request on, on every process. */
@Injectable()
export class SessionsService {
  private readonly ttlSeconds: number;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly active: ActiveSessions,
    private readonly jwt: JwtService,
    @InjectConfig() config: AppConfig,
  ) {
    this.ttlSeconds = sessionSeconds(config.JWT_TTL);
  }

  /** `idToken`: the provider's, for a session opened through single sign-on (see end). */
  async open(user: UserEntity, idToken: string | null = null): Promise<Session> {
    const sid = await this.sessions.open(user.id, this.ttlSeconds, idToken);
    const accessToken = await this.jwt.signAsync({ sub: user.id, sid });
    return { user: toUserView(user), accessToken };
  }

  /** Ends a session; answers the provider's ID token when it was opened through single sign-on, else null. */
  async end(sessionId: string): Promise<string | null> {
    const idToken = await this.sessions.close(sessionId);
    this.active.forgetSession(sessionId);
    return idToken;
  }

  /** The user's language changed: every process reads it again at their next request. */
  async userChanged(userId: string): Promise<void> {
    await this.sessions.userChanged(userId);
    this.active.forgetUser(userId);
  }

  /** Every session of the user but `keep` (the caller's own, when they changed their own password). */
  async endAll(userId: string, keep?: string): Promise<void> {
    await this.sessions.closeAll(userId, keep);
    this.active.forgetUser(userId);
  }
}
