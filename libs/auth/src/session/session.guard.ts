import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { AuthException, AuthExceptionCode } from '../auth.exception';
import { hasRole, ROLES_KEY, AuthUser } from './roles';
import type { Role } from '../users/user.entity';
import { ActiveSessions } from './active-sessions';
import { readToken, SESSION_COOKIE } from './jwt.strategy';
import { TokenSession, VerifiedTokens } from './verified-tokens';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SETS_SESSION = 'greenlight:sets-session';

/**
 * A route that sets or clears the session cookie (sign-in, registration, logout, a reset password).
 * It is refused when it comes from another site, signed in or not: otherwise a page elsewhere could
 * sign a visitor into an account of its choosing (login CSRF).
 */
export const SetsSession = () => SetMetadata(SETS_SESSION, true);

/**
 * The one global guard: reads the session (bearer token or cookie), checks that its session is still
 * open, refuses anonymous callers on protected routes, enforces `@Roles()`, and refuses cross-site
 * writes that ride on the cookie or would set it.
 */
@Injectable()
export class SessionGuard extends AuthGuard('jwt') {
  private readonly allowedOrigins: Set<string>;

  constructor(
    private readonly reflector: Reflector,
    private readonly verified: VerifiedTokens,
    private readonly sessions: ActiveSessions,
    @InjectConfig() config: AppConfig,
  ) {
    super();
    this.allowedOrigins = new Set([new URL(config.PUBLIC_URL).origin]);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser | TokenSession }>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const minimum = this.reflector.getAllAndOverride<Role | undefined>(ROLES_KEY, targets);
    if (this.reflector.getAllAndOverride<boolean>(SETS_SESSION, targets) && !SAFE_METHODS.has(request.method)) {
      this.refuseCrossSite(request);
    }

    const hasCredentials = Boolean(request.headers.authorization || request.cookies?.[SESSION_COOKIE]);
    const token = hasCredentials ? readToken(request) : null;
    let session = token ? this.verified.get(token) : undefined;
    if (!session && hasCredentials) {
      try {
        await super.canActivate(context);
        session = request.user as TokenSession;
      } catch (error) {
        if (!isPublic) throw error;
      }
    }
    const user = session ? await this.sessions.resolve(session) : undefined;
    request.user = user;
    if (!user) {
      if (isPublic) return true;
      throw new AuthException(
        AuthExceptionCode.NotSignedIn,
        session ? 'Your session has ended. Please sign in again.' : 'Please sign in to do this.',
      );
    }
    if (!SAFE_METHODS.has(request.method) && !request.headers.authorization) this.refuseCrossSite(request);
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

  /**
   * A cookie is sent by the browser whoever made the page, so a write it carries must come from our own
   * origin. Browsers say where a request comes from in Origin (`null` from sandboxed frames and some
   * redirects: not ours) or, failing that, Sec-Fetch-Site; a client that sends neither is not a browser.
   */
  private refuseCrossSite(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (this.allowedOrigins.has(origin)) return;
      const host = hostOf(origin);
      if (!host || host !== request.headers.host) throw crossSite();
      return;
    }
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') throw crossSite();
  }
}

/** The host of an Origin header, or undefined for `null` and anything that is not a URL. */
function hostOf(origin: string): string | undefined {
  if (!URL.canParse(origin)) return undefined;
  const { protocol, host } = new URL(origin);
  return protocol === 'http:' || protocol === 'https:' ? host || undefined : undefined;
}

const crossSite = () => new AuthException(AuthExceptionCode.CrossSiteRequest, 'Cross-site requests are not accepted.');
