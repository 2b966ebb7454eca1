import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig, InjectConfig } from '@greenlight/config';
import type { AuthUser } from './roles';
import { ROLES, Role } from '../users/user.entity';

export const SESSION_COOKIE = 'gl_session';

interface TokenClaims {
  sub: string;
  role: Role;
  locale: 'en' | 'fr';
}

const fromCookie = (request: FastifyRequest): string | null => request.cookies?.[SESSION_COOKIE] ?? null;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@InjectConfig() config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), fromCookie as never]),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public
      // key on every request and throws, which cost ~1.2 ms of CPU per request (bench/RESULTS.md, part a).
      // passport-jwt's types predate KeyObject; it hands the key to jsonwebtoken.verify as it is.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: TokenClaims): AuthUser | false {
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role)) return false;
    return { id: claims.sub, role: claims.role, locale: claims.locale === 'fr' ? 'fr' : 'en' };
  }
}
