/// <reference lib="dom" />
import { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '@greenlight/testing';
import { startTestProvider, TestProvider } from './support/oidc-provider';
import { api, buildWeb, expectAccessible, launchChromium, startWebApp, WebApp } from './support/web-app';

// axe-core is a UMD bundle that breaks when Jest's SWC transform rewrites it; the browser only needs its source.
jest.mock('axe-core', () => ({
  source: require('node:fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
}));

jest.setTimeout(120_000);

const CALLBACK = '/api/auth/oidc/callback';

/**
 * The whole single sign-on in Chromium against a real OpenID Connect provider in this process. The
 * platform is `localhost` and the provider `127.0.0.1`: two sites, as in production, so the
 * SameSite rules of the session and flow cookies are exercised for real.
 */
describe('single sign-on with the association’s provider', () => {
  let distDir: string;
  let provider: TestProvider;
  let browser: Browser;
  let ports: { open: number; closed: number };
  let sso: Record<string, string>;

  beforeAll(async () => {
    distDir = buildWeb();
    ports = { open: await freePort(), closed: await freePort() };
    provider = await startTestProvider([ports.open, ports.closed].map((port) => `http://localhost:${port}${CALLBACK}`));
    sso = {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_LABEL: 'Acme ID',
    };
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await provider?.close();
  });

  let context: BrowserContext;
  let page: Page;
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(() => context.close());

  const user = async (app: WebApp, email: string) =>
    (
      await app.db.pool.query(
        `SELECT u.id, u.name, u.locale, u.password_hash, u.email_verified_at, i.subject
           FROM auth.users u LEFT JOIN auth.identities i ON i.user_id = u.id WHERE lower(u.email) = lower($1)`,
        [email],
      )
    ).rows[0];

  /** Through the provider's own sign-in and consent pages, as the person `login`. */
  async function signInAtProvider(login: string) {
    await page.getByRole('button', { name: 'Sign in with Acme ID' }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password will do');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  const refusal = async (app: WebApp, reason: string) => {
    await page.waitForURL(`${app.url}/login?sso=${reason}`);
    await page.getByRole('alert').waitFor();
  };

  // One platform at a time: passport keeps one strategy per name in the process, the last app's.
  describe('beside local passwords', () => {
    let web: WebApp;
    /** The platform's API over 127.0.0.1 (Node's fetch), beside the browser's `localhost`. */
    let apiBase: string;

    beforeAll(async () => {
      web = await startWebApp(distDir, { port: ports.open, host: 'localhost', env: sso });
      apiBase = `http://127.0.0.1:${ports.open}`;
    });
    afterAll(() => web?.close());

    /** A member who signed up with a password ('correct horse battery'), and followed the mailed link or not. */
    async function register(email: string, name: string, { verified }: { verified: boolean }) {
      const registered = await api(apiBase, 'POST', '/api/auth/register', {
        email,
        password: 'correct horse battery',
        name,
      });
      expect(registered.status).toBe(201);
      if (verified) {
        await web.db.pool.query('UPDATE auth.users SET email_verified_at = now() WHERE id = $1', [
          registered.body.user.id,
        ]);
      }
      return registered;
    }

    it('creates the member on their first sign-in and brings them back to the page they came from', async () => {
      provider.accounts.set('new-member', {
        email: 'Nadia.Okafor@acme.example',
        email_verified: true,
        name: 'Nadia Okafor',
        locale: 'fr-CA',
      });
      await page.goto(`${web.url}/profile`);
      await page.waitForURL(`${web.url}/login?next=%2Fprofile`);
      await page.getByRole('button', { name: 'Sign in with Acme ID' }).waitFor();
      await expectAccessible(page, 'sign-in page with single sign-on');
      await signInAtProvider('new-member');

      await page.waitForURL(`${web.url}/profile`);
      // The first page after the provider already has the session: the server rendered it signed in.
      await page.getByText('Nadia Okafor').first().waitFor();
      const created = await user(web, 'nadia.okafor@acme.example');
      expect(created).toMatchObject({ name: 'Nadia Okafor', locale: 'fr', password_hash: null, subject: 'new-member' });
      expect(created.email_verified_at).not.toBeNull();

      // The same server-side session as a password sign-in: it answers /me, and logout ends it.
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
      expect(me).toMatchObject({ id: created.id, email: 'Nadia.Okafor@acme.example', emailVerified: true });
      const sessions = await web.db.pool.query('SELECT count(*)::int AS n FROM auth.sessions WHERE user_id = $1', [
        created.id,
      ]);
      expect(sessions.rows[0].n).toBe(1);
      const cookies = await context.cookies(web.url);
      expect(cookies.find((c) => c.name === 'gl_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(cookies.find((c) => c.name === 'gl_oidc')).toBeUndefined();

      // A second sign-in finds the same person by the provider's subject, not a second account.
      await context.clearCookies({ name: 'gl_session' });
      await page.goto(`${web.url}/login`);
      await page.getByRole('button', { name: 'Sign in with Acme ID' }).click();
      await page.waitForURL(`${web.url}/`);
      const users = await web.db.pool.query(`SELECT count(*)::int AS n FROM auth.users WHERE email ILIKE 'nadia%'`);
      expect(users.rows[0].n).toBe(1);
    });

    it('signs out at the provider too when the session came from it, then back at the home page', async () => {
      provider.accounts.set('sol', { email: 'sol.ramirez@acme.example', email_verified: true, name: 'Sol Ramirez' });
      await page.goto(`${web.url}/login`);
      await signInAtProvider('sol');
      await page.waitForURL(`${web.url}/`);
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
      expect(me).toMatchObject({ email: 'sol.ramirez@acme.example', sso: true });
      const stored = await web.db.pool.query('SELECT id_token FROM auth.sessions WHERE user_id = $1', [me.id]);
      expect(stored.rows).toHaveLength(1);
      expect(stored.rows[0].id_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

      await page.getByRole('button', { name: 'Sign out' }).click();
      // The provider's own page asks whether to sign out there too; the session here has already ended.
      await page.waitForURL(`${provider.issuer}/session/end**`);
      expect(
        (await web.db.pool.query('SELECT count(*)::int AS n FROM auth.sessions WHERE user_id = $1', [me.id])).rows[0].n,
      ).toBe(0);
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page.waitForURL(`${web.url}/`);
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
      expect((await context.cookies(web.url)).find((c) => c.name === 'gl_session')).toBeUndefined();

      // Signed out at the provider as well: signing in again goes through its sign-in page.
      await page.goto(`${web.url}/login`);
      await signInAtProvider('sol');
      await page.waitForURL(`${web.url}/`);
      expect(await page.evaluate(async () => (await fetch('/api/auth/me')).json())).toMatchObject({ id: me.id });
    });

    it('ends a password session at POST /api/auth/oidc/logout like a plain logout, with nowhere else to go', async () => {
      const registered = await register('pat.nguyen@acme.example', 'Pat Nguyen', { verified: true });
      const token = registered.body.accessToken;
      expect((await api(apiBase, 'GET', '/api/auth/me', undefined, token)).body).toMatchObject({ sso: false });
      const out = await api(apiBase, 'POST', '/api/auth/oidc/logout', undefined, token);
      expect(out).toMatchObject({ status: 200, body: { redirectTo: null } });
      expect((await api(apiBase, 'GET', '/api/auth/me', undefined, token)).status).toBe(401);
    });

    it('links an existing account with the same verified email, which keeps its password', async () => {
      const registered = await register('leo.tremblay@acme.example', 'Léo Tremblay', { verified: true });
      provider.accounts.set('leo', { email: 'LEO.TREMBLAY@acme.example', email_verified: true, name: 'Leo T' });

      await page.goto(`${web.url}/login`);
      await signInAtProvider('leo');
      await page.waitForURL(`${web.url}/`);
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
      expect(me).toMatchObject({ id: registered.body.user.id, name: 'Léo Tremblay' });
      expect(await user(web, 'leo.tremblay@acme.example')).toMatchObject({ subject: 'leo' });
      expect((await user(web, 'leo.tremblay@acme.example')).password_hash).not.toBeNull();
      const login = await api(apiBase, 'POST', '/api/auth/login', {
        email: 'leo.tremblay@acme.example',
        password: 'correct horse battery',
      });
      expect(login).toMatchObject({ status: 200 });
    });

    it('never links or creates on an address the provider has not verified', async () => {
      await register('mira@acme.example', 'Mira Shah', { verified: true });
      provider.accounts.set('impostor', { email: 'mira@acme.example', email_verified: false, name: 'Not Mira' });
      provider.accounts.set('stranger', { email: 'stranger@acme.example', name: 'No Claim' });

      await page.goto(`${web.url}/login`);
      await signInAtProvider('impostor');
      await refusal(web, 'unverified_email');
      expect(await page.getByRole('alert').textContent()).toContain('has not confirmed your email address');
      expect(await user(web, 'mira@acme.example')).toMatchObject({ subject: null });

      // A fresh browser: this one is still signed in at the provider as the impostor.
      await context.close();
      context = await browser.newContext();
      page = await context.newPage();
      await page.goto(`${web.url}/login`);
      await signInAtProvider('stranger');
      await refusal(web, 'unverified_email');
      expect(await user(web, 'stranger@acme.example')).toBeUndefined();
      expect((await context.cookies(web.url)).find((c) => c.name === 'gl_session')).toBeUndefined();
    });

    it('takes an unproven address back from whoever registered it: their password and sessions end', async () => {
      const squatter = await register('owner@acme.example', 'Squatter', { verified: false });
      provider.accounts.set('owner', { email: 'owner@acme.example', email_verified: true, name: 'The Owner' });

      await page.goto(`${web.url}/login`);
      await signInAtProvider('owner');
      await page.waitForURL(`${web.url}/`);
      const claimed = await user(web, 'owner@acme.example');
      expect(claimed).toMatchObject({ id: squatter.body.user.id, password_hash: null, subject: 'owner' });
      expect(claimed.email_verified_at).not.toBeNull();
      expect((await api(apiBase, 'GET', '/api/auth/me', undefined, squatter.body.accessToken)).status).toBe(401);
      const login = await api(apiBase, 'POST', '/api/auth/login', {
        email: 'owner@acme.example',
        password: 'correct horse battery',
      });
      expect(login.status).toBe(401);
      expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(200);
    });

    it('refuses a callback whose state was changed', async () => {
      provider.accounts.set('state-victim', {
        email: 'state@acme.example',
        email_verified: true,
        name: 'State Victim',
      });
      const held = provider.holdNextCallback();
      await page.goto(`${web.url}/login`);
      await signInAtProvider('state-victim');
      const callback = new URL(await held);
      callback.searchParams.set('state', 'chosen-by-an-attacker');
      await page.goto(callback.href);
      await refusal(web, 'failed');
      expect(await user(web, 'state@acme.example')).toBeUndefined();
    });

    // Changed on the way to the provider: the ID token then carries a nonce this browser never sent, or
    // the code is bound to a challenge its verifier does not answer.
    it.each([
      ['an ID token whose nonce is not the one this browser sent', 'nonce', 'a-nonce-from-another-sign-in'],
      [
        'a code whose PKCE challenge its verifier does not answer',
        'code_challenge',
        'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      ],
    ])('refuses %s', async (_, parameter, value) => {
      const login = `${parameter}-victim`;
      provider.accounts.set(login, { email: `${login}@acme.example`, email_verified: true, name: 'Victim' });
      provider.alterNextAuthorization((params) => params.set(parameter, value));
      await page.goto(`${web.url}/login`);
      await signInAtProvider(login);
      await refusal(web, 'failed');
      expect(await user(web, `${login}@acme.example`)).toBeUndefined();
    });

    it('refuses a callback carried to another browser (login CSRF): it has not the flow cookie', async () => {
      provider.accounts.set('attacker', { email: 'attacker@acme.example', email_verified: true, name: 'Attacker' });
      const held = provider.holdNextCallback();
      await page.goto(`${web.url}/login`);
      await signInAtProvider('attacker');
      const callback = await held;

      const victim = await browser.newContext();
      try {
        const victimPage = await victim.newPage();
        await victimPage.goto(callback);
        await victimPage.waitForURL(`${web.url}/login?sso=expired`);
        expect((await victim.cookies(web.url)).find((c) => c.name === 'gl_session')).toBeUndefined();
      } finally {
        await victim.close();
      }
      expect(await user(web, 'attacker@acme.example')).toBeUndefined();
    });
  });

  describe('with LOCAL_LOGIN=false', () => {
    let closedWeb: WebApp;
    beforeAll(async () => {
      closedWeb = await startWebApp(distDir, {
        port: ports.closed,
        host: 'localhost',
        env: { ...sso, LOCAL_LOGIN: 'false' },
      });
    });
    afterAll(() => closedWeb?.close());

    it('with LOCAL_LOGIN=false: no password form, password routes refused, single sign-on still works', async () => {
      const closedApi = `http://127.0.0.1:${ports.closed}`;
      expect((await api(closedApi, 'GET', '/api/auth/providers')).body).toEqual({
        localLogin: false,
        oidc: { label: 'Acme ID', loginUrl: '/api/auth/oidc/login' },
      });
      for (const [path, body] of [
        ['/api/auth/login', { email: 'a@acme.example', password: 'whatever password' }],
        ['/api/auth/register', { email: 'a@acme.example', password: 'whatever password', name: 'A' }],
        ['/api/auth/password-reset', { email: 'a@acme.example' }],
        ['/api/auth/password-reset/confirm', { token: 'x', password: 'whatever password' }],
      ] as const) {
        const refused = await api(closedApi, 'POST', path, body);
        expect({ path, status: refused.status, message: refused.body.message }).toEqual({
          path,
          status: 403,
          message: 'Passwords are turned off on this site: sign in with Acme ID.',
        });
      }

      provider.accounts.set('closed-member', { email: 'closed@acme.example', email_verified: true, name: 'Ines Roy' });
      await page.goto(`${closedWeb.url}/login`);
      await page.getByRole('button', { name: 'Sign in with Acme ID' }).waitFor();
      expect(await page.getByLabel('Password').count()).toBe(0);
      expect(await page.getByRole('tab', { name: 'Create an account' }).count()).toBe(0);
      await expectAccessible(page, 'sign-in page, single sign-on only');
      await signInAtProvider('closed-member');
      await page.waitForURL(`${closedWeb.url}/`);
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
      expect(me).toMatchObject({ email: 'closed@acme.example', name: 'Ines Roy', emailVerified: true });
      const change = await page.evaluate(async () => {
        const response = await fetch('/api/auth/me', {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ password: 'a brand new password', currentPassword: 'none' }),
        });
        return response.status;
      });
      expect(change).toBe(403);
    });
  });
});
