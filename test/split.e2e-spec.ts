import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, freePort, TestDatabase } from '@greenlight/testing';
import { LOGIN_THROTTLE } from '../libs/auth/src/session/auth.service';
import { AppName, buildOnce, eventually, ROOT, RunningApp, startApp, waitForHealth } from './support/processes';

/**
 * The split deployment: every service in its own process (two of progress), behind nginx configured
 * from docker/nginx/greenlight.conf.template — the same file compose uses. A member's whole journey
 * runs through the proxy.
 */
const NGINX = '/usr/sbin/nginx';
const ADMIN = { email: 'ops@split.example', password: 'split-admin-password' };
const AUTH_LIMIT = 20;

const MODULE = {
  slug: 'split-check',
  title: { en: 'Split check', fr: 'Vérification répartie' },
  summary: 'A small module walked through the proxy.',
  certificate: { enabled: true, cpdHours: 1 },
  units: [
    {
      key: 'u1',
      title: 'Unit',
      items: [
        { key: 'read', kind: 'lesson', title: 'Read', body: 'Some **Markdown**.' },
        {
          key: 'check',
          kind: 'quiz',
          title: 'Check',
          passMark: 100,
          maxAttempts: 3,
          questions: [
            {
              key: 'q1',
              type: 'single',
              prompt: 'Pick a',
              options: [
                { key: 'a', text: 'A', correct: true },
                { key: 'b', text: 'B' },
              ],
            },
          ],
        },
        {
          key: 'live',
          kind: 'event',
          title: 'Live',
          startsAt: '2027-01-10T18:00:00-05:00',
          endsAt: '2027-01-10T19:00:00-05:00',
          joinUrl: 'https://example.org/live',
        },
      ],
    },
  ],
};

function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

describe('the split deployment behind nginx', () => {
  let db: TestDatabase;
  let dir: string;
  let proxy: string;
  let nginx: ChildProcess;
  const apps: RunningApp[] = [];
  const ports: Record<string, number[]> = {};

  beforeAll(async () => {
    buildOnce();
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'gl-split-'));
    const shared = {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `glsplit-${process.pid}`,
      DATA_DIR: dir,
      CERT_STORAGE_DIR: join(dir, 'certificates'),
      JWT_SECRET: 'a-shared-secret-for-every-process-of-this-test',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      IMPORT_CONTENT_DIR: 'none',
      // One hop: nginx, which sets X-Forwarded-For to the address it was connected from.
      TRUST_PROXY: '1',
      // Low enough for the spoofing test to reach; the other tests make a handful of auth requests.
      AUTH_RATE_LIMIT: String(AUTH_LIMIT),
    };
    const launch = async (app: AppName, extra: Record<string, string> = {}) => {
      const port = await freePort();
      (ports[app] ??= []).push(port);
      const running = startApp(app, { ...shared, PORT: String(port), ...extra });
      apps.push(running);
      return { running, url: `http://127.0.0.1:${port}` };
    };
    // The course service migrates first, so the others start on a ready schema.
    const course = await launch('course');
    await waitForHealth(course.url, course.running);
    const services = [await launch('progress'), await launch('progress'), await launch('certificate')];
    apps.push(startApp('certificate-worker', shared));
    await Promise.all(services.map((s) => waitForHealth(s.url, s.running)));

    const proxyPort = await freePort();
    proxy = `http://127.0.0.1:${proxyPort}`;
    const site = render(readFileSync(join(ROOT, 'docker/nginx/greenlight.conf.template'), 'utf8'), {
      COURSE_UPSTREAM: `127.0.0.1:${ports.course[0]}`,
      PROGRESS_UPSTREAM: ports.progress.map((p) => `127.0.0.1:${p}`).join('; server '),
      CERTIFICATE_UPSTREAM: `127.0.0.1:${ports.certificate[0]}`,
      PROXY_LISTEN: `127.0.0.1:${proxyPort}`,
      WEB_ROOT: join(ROOT, 'apps/web/dist'),
    });
    writeFileSync(join(dir, 'site.conf'), site);
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 256; }
http {
  log_format upstreams '$request_method $uri $upstream_addr';
  access_log ${dir}/access.log upstreams;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`,
    );
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    await waitForHealth(proxy);
  }, 300_000);

  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    await Promise.all(apps.map((app) => app.stop()));
    await db?.drop();
  }, 60_000);

  async function call(method: string, path: string, token?: string, body?: unknown, headers = {}) {
    const response = await fetch(`${proxy}${path}`, {
      method,
      headers: {
        ...headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      type,
      body: type.includes('json') ? await response.json() : await response.text(),
    };
  }

  it('walks a member from sign-up to a verified certificate, through the proxy', async () => {
    const admin = await call('POST', '/api/auth/login', undefined, ADMIN);
    expect(admin.status).toBe(200);
    const staff = admin.body.accessToken as string;

    expect((await call('POST', '/api/modules', staff, MODULE)).status).toBe(201);
    expect((await call('POST', `/api/modules/${MODULE.slug}/publish`, staff)).status).toBe(201);
    const published = await call('GET', `/api/modules/${MODULE.slug}`);
    const [read, check, live] = published.body.units[0].items as {
      id: string;
      questions?: { id: string; options: { id: string }[] }[];
    }[];

    const email = `member-${process.pid}@split.example`;
    const signup = await call('POST', '/api/auth/register', undefined, {
      email,
      password: 'a member password',
      name: 'Émilie Ōkawa',
    });
    expect(signup.status).toBe(201);
    const member = signup.body.accessToken as string;
    // As if they followed the mailed link: attendance credits only proven addresses.
    await db.pool.query('UPDATE auth.users SET email_verified_at = now() WHERE id = $1', [signup.body.user.id]);

    const enrolment = await call('POST', `/api/modules/${MODULE.slug}/enrolments`, member, {});
    expect(enrolment.status).toBe(201);
    const id = enrolment.body.id as string;
    expect((await call('POST', `/api/enrolments/${id}/items/${read.id}/complete`, member)).status).toBe(200);

    const question = check.questions![0];
    const wrong = await call('POST', `/api/enrolments/${id}/quizzes/${check.id}/attempts`, member, {
      answers: { [question.id]: question.options[1].id },
    });
    expect(wrong.status).toBe(201);
    expect(wrong.body.passed).toBe(false);
    const right = await call('POST', `/api/enrolments/${id}/quizzes/${check.id}/attempts`, member, {
      answers: { [question.id]: question.options[0].id },
    });
    expect(right.body).toMatchObject({ passed: true, score: 100 });

    const attendance = await call('POST', `/api/modules/${MODULE.slug}/items/${live.id}/attendance`, staff, {
      emails: [email, 'nobody@split.example'],
    });
    expect(attendance.body).toMatchObject({ recorded: 1, unknown: ['nobody@split.example'] });
    expect((await call('GET', `/api/enrolments/${id}`, member)).body.status).toBe('completed');

    // The outbox relay hands the completion to the worker process, which issues the certificate.
    const certificate = await eventually(async () => {
      const mine = await call('GET', '/api/me/certificates', member);
      return mine.body.length ? (mine.body[0] as { id: string; serial: string; holderName: string }) : undefined;
    }, 'the certificate');
    expect(certificate.holderName).toBe('Émilie Ōkawa');

    const pdf = await fetch(`${proxy}/api/certificates/${certificate.id}/pdf`, {
      headers: { authorization: `Bearer ${member}` },
    });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const verify = await call('GET', `/api/verify/${certificate.serial}`);
    expect(verify.body).toMatchObject({ valid: true, status: 'issued', holderName: 'Émilie Ōkawa' });
    expect(JSON.stringify(verify.body)).not.toContain(email);
    expect((await call('GET', '/.well-known/jwks.json')).status).toBe(200);
  }, 120_000);

  it('spreads progress requests over both progress processes: they keep no state of their own', async () => {
    const signup = await call('POST', '/api/auth/register', undefined, {
      email: `spread-${process.pid}@split.example`,
      password: 'a member password',
      name: 'Spread',
    });
    for (let i = 0; i < 10; i++)
      expect((await call('GET', '/api/me/enrolments', signup.body.accessToken)).status).toBe(200);
    const log = readFileSync(join(dir, 'access.log'), 'utf8');
    const served = new Set(
      log
        .split('\n')
        .filter((line) => line.includes(' /api/me/enrolments '))
        .map((line) => line.split(' ')[2]),
    );
    expect([...served].sort()).toEqual(ports.progress.map((p) => `127.0.0.1:${p}`).sort());
  }, 60_000);

  it('counts a client that sends its own X-Forwarded-For as the address nginx saw', async () => {
    const email = `spoofer-${process.pid}@split.example`;
    // Every guess names a new address, all at once: had one address been believed, each guess would be
    // a first attempt from a fresh IP and be checked (401). Sent together, the answers do not depend on
    // how fast a loaded machine gets through them: one after another, they could outlast the limits'
    // windows (the per-IP minute, the account's 30 s wait) and be checked again for the right reason.
    const statuses = await Promise.all(
      Array.from({ length: AUTH_LIMIT + 5 }, async (_, i) => {
        const spoofed = { 'x-forwarded-for': `203.0.113.${i + 1}` };
        return (await call('POST', '/api/auth/login', undefined, { email, password: 'guess' }, spoofed)).status;
      }),
    );
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    // One address and one account: the slow-down checks its free attempts and makes the rest wait.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(LOGIN_THROTTLE.freeAttempts);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(
      AUTH_LIMIT + 5 - LOGIN_THROTTLE.freeAttempts,
    );
    const { rows } = await db.pool.query(`SELECT client_ip FROM auth.login_throttle WHERE email = $1`, [email]);
    expect(rows).toEqual([{ client_ip: '127.0.0.1' }]);
  }, 60_000);
});
