import { createServer, Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { freePort } from '@greenlight/testing';

/** What the provider says about one of its people (the `login` typed on its sign-in page is the subject). */
export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  locale?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Its people by subject: add one before signing them in. */
  accounts: Map<string, ProviderAccount>;
  /** Changes the parameters of the next authorization request as they arrive (a tampered nonce or PKCE challenge). */
  alterNextAuthorization(alter: (params: URLSearchParams) => void): void;
  /**
   * Holds back the next redirect to the platform's callback and answers its URL instead, unspent: what
   * an attacker has who stops their own sign-in there to hand the link to someone else.
   */
  holdNextCallback(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (node-oidc-provider, with its development sign-in pages) on a free
 * port of 127.0.0.1, with one confidential client allowed to return to each of `redirectUris`. PKCE is
 * required, as an association's provider should.
 */
export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'greenlight';
  const clientSecret = randomBytes(24).toString('base64url');
  const accounts = new Map<string, ProviderAccount>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        // Signing out at the provider (RP-initiated logout) comes back to the platform's home page.
        post_logout_redirect_uris: redirectUris.map((uri) => new URL('/', uri).href),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'locale'] },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
    },
  });
  let alter: ((params: URLSearchParams) => void) | undefined;
  let hold: ((url: string) => void) | undefined;
  provider.use(async (ctx, next) => {
    // `/auth` itself, not `/auth/<uid>` where the provider resumes after its sign-in pages.
    if (ctx.path === '/auth' && alter) {
      const params = new URLSearchParams(ctx.querystring);
      alter(params);
      alter = undefined;
      ctx.querystring = params.toString();
    }
    await next();
    const location = ctx.response.get('location');
    if (hold && location && redirectUris.some((uri) => location.startsWith(`${uri}?`))) {
      hold(location);
      hold = undefined;
      ctx.remove('location');
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = 'held';
    }
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    alterNextAuthorization: (change) => {
      alter = change;
    },
    holdNextCallback: () => new Promise<string>((resolve) => (hold = resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
