import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, InjectConfig } from '@greenlight/config';

export const OIDC_FLOW_COOKIE = 'gl_oidc';
const PATH = '/api/auth/oidc';
const MAX_AGE_SECONDS = 600;

/** What the browser that started a sign-in must bring back to its callback. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The page to land on afterwards (a path of this site). */
  next: string;
}

/**
 * The sign-in in progress, in an httpOnly cookie of the browser that started it: the callback takes
 * only the state, nonce and PKCE verifier it finds there, so a callback URL made elsewhere (login CSRF)
 * or replayed in another browser is refused. SameSite=Lax, since the provider's redirect back is a
 * cross-site navigation; signed, so a cookie planted from a sibling domain is not believed either.
 */
@Injectable()
export class OidcFlowCookie {
  private readonly key: Buffer;
  private readonly secure: boolean;

  constructor(@InjectConfig() config: AppConfig) {
    this.key = createHmac('sha256', config.JWT_SECRET).update('greenlight oidc flow').digest();
    this.secure = config.PUBLIC_URL.startsWith('https:');
  }

  set(reply: FastifyReply, flow: OidcFlow): void {
    const body = Buffer.from(JSON.stringify({ ...flow, exp: Date.now() + MAX_AGE_SECONDS * 1000 })).toString(
      'base64url',
    );
    reply.setCookie(OIDC_FLOW_COOKIE, `${body}.${this.sign(body)}`, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: PATH,
      maxAge: MAX_AGE_SECONDS,
    });
  }

  /** The flow this browser started, if its cookie is ours, whole and not expired; the cookie is spent either way. */
  take(request: FastifyRequest, reply: FastifyReply): OidcFlow | null {
    reply.clearCookie(OIDC_FLOW_COOKIE, { path: PATH });
    const [body, signature, extra] = (request.cookies?.[OIDC_FLOW_COOKIE] ?? '').split('.');
    if (!body || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OidcFlow & { exp: number };
      return typeof flow.exp === 'number' && flow.exp > Date.now() ? flow : null;
    } catch {
      return null;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
