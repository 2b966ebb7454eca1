import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { TokenSession, VerifiedTokens } from './verified-tokens';

export const SESSION_COOKIE = 'gl_session';

interface TokenClaims {
  sub: string;
  sid: string;
  exp?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fromCookie = (request: FastifyRequest): string | null => request.cookies?.[SESSION_COOKIE] ?? null;

/** The session token of a request: the bearer token, else the session cookie. */
export const readToken: (request: FastifyRequest) => string | null = ExtractJwt.fromExtractors([
  ExtractJwt.fromAuthHeaderAsBearerToken(),
  fromCookie as never,
]) as never;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @InjectConfig() config: AppConfig,
    private readonly verified: VerifiedTokens,
  ) {
    super({
      jwtFromRequest: readToken as never,
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public
      // key on every request and throws, which cost ~1.2 ms of CPU per request (bench/RESULTS.md, part a).
      // passport-jwt's types predate KeyObject; it hands the key to jsonwebtoken.verify as it is.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /**
   * Called once the signature and expiry are checked; the token is remembered for the session guard,
   * which then asks whether its session is still open. A token without a session id (one signed
   * before sessions had a server-side truth) names no session and is refused.
   */
  validate(request: FastifyRequest, claims: TokenClaims): TokenSession | false {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return false;
    if (!UUID.test(claims.sub) || !UUID.test(claims.sid)) return false;
    const session: TokenSession = { userId: claims.sub, sessionId: claims.sid };
    const token = readToken(request);
    if (token) this.verified.remember(token, session, claims.exp);
    return session;
  }
}
