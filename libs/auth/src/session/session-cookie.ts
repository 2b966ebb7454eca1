import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { SESSION_COOKIE } from './jwt.strategy';
import { Session, sessionSeconds } from './sessions.service';

/** The session cookie every route that signs someone in sets (httpOnly, SameSite=Strict, Secure over https). */
@Injectable()
export class SessionCookie {
  private readonly maxAge: number;
  private readonly secure: boolean;

  constructor(@InjectConfig() config: AppConfig) {
    this.maxAge = sessionSeconds(config.JWT_TTL);
    this.secure = config.PUBLIC_URL.startsWith('https:');
  }

  set(reply: FastifyReply, session: Session): Session {
    reply.setCookie(SESSION_COOKIE, session.accessToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure,
      path: '/',
      maxAge: this.maxAge,
    });
    return session;
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}
