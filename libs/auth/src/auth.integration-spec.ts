import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeAdmin, makeMember, makeStaff, startTestApp, TestApp } from '@greenlight/testing';
import { AuthModule } from './auth.module';

@Module({ imports: [CoreModule, QueueModule, AuthModule] })
class AuthTestModule {}

describe('auth and users over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(() => AuthTestModule, {
      env: { ADMIN_EMAIL: 'boss@example.org', ADMIN_PASSWORD: 'boss-password-1' },
    });
  });
  afterAll(() => t.close());

  describe('register', () => {
    it('creates a member and returns a token that works', async () => {
      const res = await t.request('POST', '/api/auth/register', {
        body: { email: 'Ana.Okawa@Example.org', password: 'long enough pw', name: 'Ana Ōkawa', locale: 'fr' },
      });
      expect(res.status).toBe(201);
      expect(res.body.user).toEqual({
        id: expect.any(String),
        email: 'Ana.Okawa@Example.org',
        name: 'Ana Ōkawa',
        role: 'member',
        locale: 'fr',
        emailVerified: false,
      });
      expect(res.body.user.passwordHash).toBeUndefined();
      const me = await t.request('GET', '/api/auth/me', { token: res.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.name).toBe('Ana Ōkawa');
    });

    it('sets an httpOnly SameSite cookie that also authenticates', async () => {
      const res = await t.request('POST', '/api/auth/register', {
        body: { email: 'cookie@example.org', password: 'long enough pw', name: 'Cookie Person' },
      });
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/gl_session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      const me = await t.request('GET', '/api/auth/me', { headers: { cookie: cookie.split(';')[0] } });
      expect(me.status).toBe(200);
      expect(me.body.email).toBe('cookie@example.org');
    });

    it('refuses a cross-site write that rides on the cookie', async () => {
      const member = await makeMember(t);
      const res = await t.request('PATCH', '/api/auth/me', {
        headers: { cookie: `gl_session=${member.token}`, origin: 'https://evil.example.com' },
        body: { name: 'Hacked' },
      });
      expect(res.status).toBe(403);
    });

    it('refuses sign-in and registration posted from another site, and sets no cookie (login CSRF)', async () => {
      const member = await makeMember(t);
      const signIn = { email: member.user.email, password: member.password };
      const crossSite = await t.request('POST', '/api/auth/login', {
        headers: { origin: 'https://evil.example.com' },
        body: signIn,
      });
      expect(crossSite.status).toBe(403);
      expect(crossSite.body.code).toBe('CROSS_SITE_REQUEST');
      expect(crossSite.headers.get('set-cookie')).toBeNull();
      const form = await t.request('POST', '/api/auth/register', {
        headers: { 'sec-fetch-site': 'cross-site' },
        body: { email: 'csrf@example.org', password: 'long enough pw', name: 'Planted' },
      });
      expect(form.status).toBe(403);
      expect((await t.request('POST', '/api/auth/logout', { headers: { 'sec-fetch-site': 'same-site' } })).status).toBe(
        403,
      );

      const own = await t.request('POST', '/api/auth/login', {
        headers: { origin: new URL(t.config.PUBLIC_URL).origin, 'sec-fetch-site': 'same-origin' },
        body: signIn,
      });
      expect(own.status).toBe(200);
      const sameHost = await t.request('POST', '/api/auth/login', { headers: { origin: t.url }, body: signIn });
      expect(sameHost.status).toBe(200);
    });

    it.each([['null'], ['http://['], ['not a url'], ['file:///etc/passwd'], ['']])(
      'answers 403, never 500, to Origin %p on sign-in and on a cookie write',
      async (origin) => {
        const member = await makeMember(t);
        const login = await t.request('POST', '/api/auth/login', {
          headers: { origin },
          body: { email: member.user.email, password: member.password },
        });
        expect(login.status).toBe(403);
        const write = await t.request('PATCH', '/api/auth/me', {
          headers: { cookie: `gl_session=${member.token}`, origin },
          body: { name: 'Hacked' },
        });
        expect(write.status).toBe(403);
      },
    );

    it('answers 409 for an email already taken in another case', async () => {
      await makeMember(t, { email: 'taken@example.org' });
      const res = await t.request('POST', '/api/auth/register', {
        body: { email: 'TAKEN@example.ORG', password: 'long enough pw', name: 'Someone' },
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    });

    it('answers 400 for a password under 10 characters', async () => {
      const res = await t.request('POST', '/api/auth/register', {
        body: { email: 'w@example.org', password: 'short', name: 'W' },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(/password/);
    });

    it('answers 400 for an unknown field instead of ignoring it', async () => {
      const res = await t.request('POST', '/api/auth/register', {
        body: { email: 'u@example.org', password: 'long enough pw', name: 'U', role: 'admin' },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });
  });

  describe('malformed requests', () => {
    it('answers 400 with the error shape for malformed JSON', async () => {
      const res = await t.request('POST', '/api/auth/login', {
        rawBody: '{"email": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
    });

    it('answers 413 for a body over 1 MB', async () => {
      const res = await t.request('POST', '/api/auth/register', {
        rawBody: JSON.stringify({ email: 'big@example.org', password: 'x'.repeat(1024 * 1024 + 10), name: 'B' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413 });
    });

    it('sends security headers and the request id, on errors too', async () => {
      const res = await t.request('GET', '/api/health');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      const missing = await t.request('GET', '/api/no-such-route', { headers: { 'x-request-id': 'trace-42' } });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-request-id')).toBe('trace-42');
      expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  describe('login', () => {
    it('signs in with the email in any case', async () => {
      const member = await makeMember(t, { email: 'casey@example.org' });
      const res = await t.request('POST', '/api/auth/login', {
        body: { email: 'CASEY@example.org', password: member.password },
      });
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(member.user.id);
      expect(res.body.accessToken).toEqual(expect.any(String));
    });

    it('gives the same 401 message for an unknown email and a wrong password', async () => {
      const member = await makeMember(t);
      const wrong = await t.request('POST', '/api/auth/login', {
        body: { email: member.user.email, password: 'not the password' },
      });
      const unknown = await t.request('POST', '/api/auth/login', {
        body: { email: 'nobody@example.org', password: 'whatever123' },
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.message).toBe(unknown.body.message);
    });

    it('answers 400 when the email is missing', async () => {
      const res = await t.request('POST', '/api/auth/login', { body: { password: 'x' } });
      expect(res.status).toBe(400);
    });

    it('accepts the admin created from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
      const res = await t.request('POST', '/api/auth/login', {
        body: { email: 'boss@example.org', password: 'boss-password-1' },
      });
      expect(res.status).toBe(200);
      expect(res.body.user.role).toBe('admin');
    });
  });

  describe('tokens', () => {
    it('answers 401 without a token, with a tampered token and with an expired token', async () => {
      const member = await makeMember(t);
      expect((await t.request('GET', '/api/auth/me')).status).toBe(401);
      // The genuine token is verified (and remembered) first: a forgery of it must still be refused.
      expect((await t.request('GET', '/api/auth/me', { token: member.token })).status).toBe(200);
      const [header, payload, signature] = member.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url');
      expect((await t.request('GET', '/api/auth/me', { token: `${header}.${forged}.${signature}` })).status).toBe(401);

      const jwt = t.app.get((await import('@nestjs/jwt')).JwtService);
      const { sid } = JSON.parse(Buffer.from(member.token.split('.')[1], 'base64url').toString()) as { sid: string };
      const expired = await jwt.signAsync({ sub: member.user.id, sid }, { expiresIn: -10 });
      const res = await t.request('GET', '/api/auth/me', { token: expired });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('stops accepting a token that was already verified at the second it expires', async () => {
      const member = await makeMember(t);
      const jwt = t.app.get((await import('@nestjs/jwt')).JwtService);
      const { sid } = JSON.parse(Buffer.from(member.token.split('.')[1], 'base64url').toString()) as { sid: string };
      const token = await jwt.signAsync({ sub: member.user.id, sid }, { expiresIn: 2 });
      expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(200);
      expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(200);
      const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
      await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
      expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
    });
  });

  describe('profile', () => {
    it('refuses a name with a control or bidirectional-override character, naming the field', async () => {
      const member = await makeMember(t);
      for (const name of ['Ana\rOkawa', 'Ana \u202Eawako']) {
        const res = await t.request('PATCH', '/api/auth/me', { token: member.token, body: { name } });
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.message)).toMatch(/name/);
      }
      const registered = await t.request('POST', '/api/auth/register', {
        body: { email: 'bidi@example.org', password: 'long enough pw', name: 'Eve\u202Eevil' },
      });
      expect(registered.status).toBe(400);
    });

    it('keeps Cree syllabics and Inuktitut names exactly, trimmed', async () => {
      const res = await t.request('POST', '/api/auth/register', {
        body: { email: 'cree@example.org', password: 'long enough pw', name: '  ᓀᐦᐃᔭᐍᐏᐣ ᐃᓄᒃᑎᑐᑦ ' },
      });
      expect(res.status).toBe(201);
      expect(res.body.user.name).toBe('ᓀᐦᐃᔭᐍᐏᐣ ᐃᓄᒃᑎᑐᑦ');
    });

    it('changes the printed name and the language', async () => {
      const member = await makeMember(t);
      const res = await t.request('PATCH', '/api/auth/me', {
        token: member.token,
        body: { name: 'Nîpisîhkopahk Rider', locale: 'fr' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Nîpisîhkopahk Rider', locale: 'fr' });
    });

    it('changes the password only with the current one', async () => {
      const member = await makeMember(t);
      const refused = await t.request('PATCH', '/api/auth/me', {
        token: member.token,
        body: { password: 'a brand new pass', currentPassword: 'wrong one' },
      });
      expect(refused.status).toBe(400);
      const missing = await t.request('PATCH', '/api/auth/me', {
        token: member.token,
        body: { password: 'a brand new pass' },
      });
      expect(missing.status).toBe(400);
      const ok = await t.request('PATCH', '/api/auth/me', {
        token: member.token,
        body: { password: 'a brand new pass', currentPassword: member.password },
      });
      expect(ok.status).toBe(200);
      const login = await t.request('POST', '/api/auth/login', {
        body: { email: member.user.email, password: 'a brand new pass' },
      });
      expect(login.status).toBe(200);
    });
  });

  describe('users (staff and admin)', () => {
    it('lets staff search members, paged, and refuses members', async () => {
      const staff = await makeStaff(t);
      await makeMember(t, { name: 'Zoë Searchable' });
      const member = await makeMember(t);
      const found = await t.request('GET', '/api/users?query=searchable&pageSize=10', { token: staff.token });
      expect(found.status).toBe(200);
      expect(found.body.total).toBe(1);
      expect(found.body.items[0].name).toBe('Zoë Searchable');
      expect((await t.request('GET', '/api/users', { token: member.token })).status).toBe(403);
      expect((await t.request('GET', '/api/users?pageSize=500', { token: staff.token })).status).toBe(400);
      const staffOnly = await t.request('GET', '/api/users?role=staff', { token: staff.token });
      expect(staffOnly.body.items.every((u: { role: string }) => u.role === 'staff')).toBe(true);
    });

    it('lets only admins change roles, and records it in the audit log', async () => {
      const admin = await makeAdmin(t);
      const staff = await makeStaff(t);
      const member = await makeMember(t);
      expect(
        (await t.request('PATCH', `/api/users/${member.user.id}`, { token: staff.token, body: { role: 'staff' } }))
          .status,
      ).toBe(403);
      const res = await t.request('PATCH', `/api/users/${member.user.id}`, {
        token: admin.token,
        body: { role: 'staff' },
      });
      expect(res.status).toBe(200);
      expect(res.body.role).toBe('staff');
      expect(
        (await t.request('PATCH', `/api/users/${member.user.id}`, { token: admin.token, body: { role: 'owner' } }))
          .status,
      ).toBe(400);
      expect(
        (
          await t.request('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', {
            token: admin.token,
            body: { role: 'staff' },
          })
        ).status,
      ).toBe(404);
      const audit = await t.request('GET', `/api/audit?subjectId=${member.user.id}`, { token: admin.token });
      expect(audit.status).toBe(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'user.role_changed',
        actorId: admin.user.id,
        details: { from: 'member', to: 'staff' },
      });
      expect((await t.request('GET', '/api/audit', { token: staff.token })).status).toBe(403);
    });
  });

  describe('health and docs', () => {
    it('reports database and redis up', async () => {
      const res = await t.request('GET', '/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    });

    it('serves the OpenAPI document describing the auth routes', async () => {
      const res = await t.request('GET', '/api/docs-json');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/auth/register',
          '/api/auth/login',
          '/api/auth/me',
          '/api/users',
          '/api/users/{id}',
          '/api/health',
        ]),
      );
      expect(res.body.paths['/api/auth/register'].post.requestBody).toBeDefined();
    });
  });
});

describe('rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(() => AuthTestModule, { env: { AUTH_RATE_LIMIT: '3' } });
  });
  afterAll(() => t.close());

  it('answers 429 once a client IP goes over AUTH_RATE_LIMIT sign-ins a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await t.request('POST', '/api/auth/login', { body: { email: 'x@example.org', password: 'whatever123' } }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
