import { makeAdmin, makeMember, makeStaff, startTestApp, TestApp, TestUser, until } from '@greenlight/testing';
import { PlatformModule } from '../apps/platform/src/platform.module';
import { moduleDocument } from './security/security-fixture';

/** Short, so the tests can show the cross-process bound without waiting long. */
const CHECK_TTL_MS = 400;
const pastTheBound = () => new Promise((resolve) => setTimeout(resolve, CHECK_TTL_MS + 100));

const platform = () => PlatformModule.register({ RUN_WORKER: false });
const env = { SESSION_CHECK_TTL_MS: String(CHECK_TTL_MS) };

async function signIn(t: TestApp, who: TestUser): Promise<string> {
  const login = await t.request('POST', '/api/auth/login', { body: { email: who.user.email, password: who.password } });
  expect(login.status).toBe(200);
  return login.body.accessToken;
}

describe('sessions end when they should', () => {
  let t: TestApp;
  let admin: TestUser;
  let slug: string;

  beforeAll(async () => {
    t = await startTestApp(platform, { env });
    admin = await makeAdmin(t);
    const document = moduleDocument();
    slug = document.slug;
    expect((await t.request('POST', '/api/modules', { token: admin.token, body: document })).status).toBe(201);
    expect((await t.request('POST', `/api/modules/${slug}/publish`, { token: admin.token })).status).toBe(201);
  }, 60_000);
  afterAll(() => t.close());

  it('takes staff powers away on the request after a demotion', async () => {
    const staff = await makeStaff(t);
    expect((await t.request('GET', '/api/users', { token: staff.token })).status).toBe(200);
    expect(
      (await t.request('GET', `/api/reports/modules/${slug}/members?format=csv`, { token: staff.token })).status,
    ).toBe(200);

    const demoted = await t.request('PATCH', `/api/users/${staff.user.id}`, {
      token: admin.token,
      body: { role: 'member' },
    });
    expect(demoted.status).toBe(200);
    expect((await t.request('GET', '/api/users', { token: staff.token })).status).toBe(401);
    expect(
      (await t.request('GET', `/api/reports/modules/${slug}/members?format=csv`, { token: staff.token })).status,
    ).toBe(401);

    const again = await signIn(t, staff);
    expect((await t.request('GET', '/api/users', { token: again })).status).toBe(403);
  });

  it('reads the role from the database, not the token, once the check is older than the bound', async () => {
    const staff = await makeStaff(t);
    expect((await t.request('GET', '/api/users', { token: staff.token })).status).toBe(200);
    // As another process (or an operator) would change it: nothing in this process is told.
    await t.db.pool.query(`UPDATE auth.users SET role = 'member' WHERE id = $1`, [staff.user.id]);
    await pastTheBound();
    expect((await t.request('GET', '/api/users', { token: staff.token })).status).toBe(403);
  });

  it('answers 401, not 500, to a deleted user enrolling or reading their profile', async () => {
    const member = await makeMember(t);
    expect((await t.request('GET', '/api/auth/me', { token: member.token })).status).toBe(200);
    await t.db.pool.query(`DELETE FROM auth.users WHERE id = $1`, [member.user.id]);
    await pastTheBound();
    const enrol = await t.request('POST', `/api/modules/${slug}/enrolments`, { token: member.token, body: {} });
    expect(enrol.status).toBe(401);
    expect(enrol.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect((await t.request('GET', '/api/auth/me', { token: member.token })).status).toBe(401);
  });

  it('ends the other sessions when the password changes, and keeps the one that changed it', async () => {
    const member = await makeMember(t);
    const elsewhere = await signIn(t, member);
    const changed = await t.request('PATCH', '/api/auth/me', {
      token: member.token,
      body: { password: 'a brand new passphrase', currentPassword: member.password },
    });
    expect(changed.status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token: elsewhere })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: member.token })).status).toBe(200);
  });

  it('ends this session, and only this one, on logout (bearer token and cookie alike)', async () => {
    const member = await makeMember(t);
    const other = await signIn(t, member);
    const out = await t.request('POST', '/api/auth/logout', { headers: { cookie: `gl_session=${member.token}` } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/gl_session=;/);
    expect((await t.request('GET', '/api/auth/me', { token: member.token })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { headers: { cookie: `gl_session=${member.token}` } })).status).toBe(
      401,
    );
    expect((await t.request('GET', '/api/auth/me', { token: other })).status).toBe(200);
  });

  it('ends every session of the user on logout-all', async () => {
    const member = await makeMember(t);
    const second = await signIn(t, member);
    const bystander = await makeMember(t);
    const all = await t.request('POST', '/api/auth/logout-all', { token: second });
    expect(all.status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token: member.token })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: second })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/logout-all', { token: second })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: bystander.token })).status).toBe(200);
  });

  it('refuses a well-signed token that names no session (as signed before sessions were kept)', async () => {
    const member = await makeMember(t);
    const jwt = t.app.get((await import('@nestjs/jwt')).JwtService);
    const legacy = await jwt.signAsync({ sub: member.user.id, role: 'admin', locale: 'en' });
    expect((await t.request('GET', '/api/auth/me', { token: legacy })).status).toBe(401);
    const [, payload] = member.token.split('.');
    const { sid } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sid: string };
    const borrowed = await jwt.signAsync({ sub: admin.user.id, sid });
    expect((await t.request('GET', '/api/users', { token: borrowed })).status).toBe(401);
  });
});

describe('sessions across the processes of a split deployment', () => {
  let first: TestApp;
  let second: TestApp;
  // Long, as in production: what reaches the other process is the notice, not the expiry of its cache.
  const longCache = { SESSION_CHECK_TTL_MS: '120000' };
  const listeners = async () =>
    (
      await first.db.pool.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'greenlight-sessions'`,
        [first.db.name],
      )
    ).rows.map((row) => row.pid);
  const me = (app: TestApp, token: string) => app.request('GET', '/api/auth/me', { token });
  const refusedOn = (app: TestApp, token: string) =>
    until(
      async () => (await me(app, token)).status,
      (status) => status === 401,
      5000,
      50,
    );

  beforeAll(async () => {
    first = await startTestApp(platform, { env: longCache });
    second = await startTestApp(platform, {
      env: { ...longCache, JWT_SECRET: first.config.JWT_SECRET },
      db: first.db,
    });
    await until(listeners, (pids) => pids.length === 2);
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('refuses a session ended on one process on the other at once, long before its cache expires', async () => {
    const member = await makeMember(first);
    expect((await me(second, member.token)).status).toBe(200);
    const started = Date.now();
    expect((await first.request('POST', '/api/auth/logout', { token: member.token })).status).toBe(204);
    expect((await me(first, member.token)).status).toBe(401);
    await refusedOn(second, member.token);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('takes staff powers away on every process after a demotion made on one', async () => {
    const admin = await makeAdmin(first);
    const staff = await makeStaff(first);
    expect((await second.request('GET', '/api/users', { token: staff.token })).status).toBe(200);
    const demoted = await first.request('PATCH', `/api/users/${staff.user.id}`, {
      token: admin.token,
      body: { role: 'member' },
    });
    expect(demoted.status).toBe(200);
    await until(
      async () => (await second.request('GET', '/api/users', { token: staff.token })).status,
      (status) => status === 401,
      5000,
      50,
    );
  });

  it('checks every session again when its notices were cut off (nothing missed while away is honoured)', async () => {
    const member = await makeMember(first);
    expect((await me(second, member.token)).status).toBe(200);
    const before = await listeners();
    // Both processes lose their listening connection, as when PostgreSQL restarts.
    await first.db.pool.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [before]);
    expect((await first.request('POST', '/api/auth/logout', { token: member.token })).status).toBe(204);
    // Listening again (new connections) means each noticed the loss and emptied its cache.
    await until(listeners, (pids) => pids.length === 2 && pids.every((pid) => !before.includes(pid)));
    expect((await me(second, member.token)).status).toBe(401);
  });
});
