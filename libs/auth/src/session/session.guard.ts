import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { AuthException, AuthExceptionCode } from '../auth.exception';
import { hasRole, ROLES_KEY, AuthUser } from './roles';
import type { Role } from '../users/user.entity';
import { readToken, SESSION_COOKIE } from './jwt.strategy';
import { VerifiedTokens } from './verified-tokens';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one global guard: reads the session (bearer token or cookie), refuses anonymous callers on
 * protected routes, enforces `@Roles()`, and refuses cross-site writes that ride on the cookie.
 */
@Injectable()
export class SessionGuard extends AuthGuard('jwt') {
  private readonly allowedOrigins: Set<string>;

  constructor(
    private readonly reflector: Reflector,
    private readonly verified: VerifiedTokens,
    @InjectConfig() config: AppConfig,
  ) {
    super();
    this.allowedOrigins = new Set([new URL(config.PUBLIC_URL).origin]);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const minimum = this.reflector.getAllAndOverride<Role | undefined>(ROLES_KEY, targets);

    const hasCredentials = Boolean(request.headers.authorization || request.cookies?.[SESSION_COOKIE]);
    const token = hasCredentials ? readToken(request) : null;
    const known = token ? this.verified.get(token) : undefined;
    if (known) {
      request.user = known;
    } else if (hasCredentials) {
      try {
        await super.canActivate(context);
      } catch (error) {
        if (!isPublic) throw error;
        request.user = undefined;
      }
    }
    const user = request.user;
    if (!user) {
      if (isPublic) return true;
      throw new AuthException(AuthExceptionCode.NotSignedIn, 'Please sign in to do this.');
    }
    this.refuseCrossSiteCookieWrite(request);
    if (minimum && !hasRole(user.role, minimum)) {
      throw new AuthException(AuthExceptionCode.Forbidden, `Only ${minimum} may do this.`);
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user)
      throw new AuthException(
        AuthExceptionCode.NotSignedIn,
        'Your session is invalid or has expired. Please sign in again.',
      );
    return user;
  }

  /** A cookie is sent by the browser whoever made the page: a write must come from our own origin. */
  private refuseCrossSiteCookieWrite(request: FastifyRequest): void {
    if (SAFE_METHODS.has(request.method) || request.headers.authorization) return;
    const origin = request.headers.origin;
    const sameHost = origin && new URL(origin).host === request.headers.host;
    if (origin && !sameHost && !this.allowedOrigins.has(origin)) {
      throw new AuthException(AuthExceptionCode.CrossSiteRequest, 'Cross-site requests are not accepted.');
    }
    if (!origin && request.headers['sec-fetch-site'] && request.headers['sec-fetch-site'] !== 'same-origin') {
      throw new AuthException(AuthExceptionCode.CrossSiteRequest, 'Cross-site requests are not accepted.');
    }
  }
}
