#!/usr/bin/env node
// Regenerates the README screenshots (docs/screenshots/*.png). It builds what is stale, starts the
// platform on a scratch database with the STAR Producer Program imported, walks a member and a staff
// member through the main pages in Debian's Chromium, then stops the server and drops the database.
// Usage: npm run screenshots   (needs PostgreSQL, Redis and /usr/bin/chromium, like the browser tests)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'docs', 'screenshots');
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SLUG = process.env.SCREENSHOT_MODULE ?? 'banking-for-producers';
const ADMIN = { email: 'staff@example.org', password: 'screenshots only 123' };
const MEMBER = { email: 'amelie@example.org', password: 'screenshots only 123', name: 'Amélie Tremblay' };

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function call(base, method, path, { body, token } = {}) {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function waitFor(check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const build = spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs'), '--build-only'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const dbName = `greenlight_screens_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${dbName}`;

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'gl-screens-'));
const server = spawn(process.execPath, [join(root, 'dist', 'apps', 'platform', 'src', 'main.js')], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    DATABASE_URL: databaseUrl.toString(),
    QUEUE_PREFIX: `glscreens-${randomBytes(4).toString('hex')}`,
    DATA_DIR: dataDir,
    CERT_STORAGE_DIR: join(dataDir, 'certificates'),
    IMPORT_CONTENT_DIR: 'content',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    OUTBOX_POLL_MS: '200',
    LOG_LEVEL: 'warn',
  },
});

let browser;
try {
  await waitFor(async () => (await fetch(`${base}/api/health`)).ok, 'the platform to start');
  await waitFor(async () => (await call(base, 'GET', '/api/modules')).some((m) => m.slug === SLUG), 'the import');

  const staffToken = (await call(base, 'POST', '/api/auth/login', { body: ADMIN })).accessToken;
  const member = await call(base, 'POST', '/api/auth/register', { body: { ...MEMBER, locale: 'en' } });
  const module = await call(base, 'GET', `/api/modules/${SLUG}`);
  const enrolment = await call(base, 'POST', `/api/modules/${SLUG}/enrolments`, {
    token: member.accessToken,
    body: module.tracks.length ? { track: module.tracks[0].key } : {},
  });
  const items = enrolment.units.flatMap((unit) => unit.items);
  const firstLesson = items.find((item) => item.kind === 'lesson');
  await call(base, 'POST', `/api/enrolments/${enrolment.id}/items/${firstLesson.id}/complete`, {
    token: member.accessToken,
  });
  const firstQuiz = items.find((item) => item.kind === 'quiz');

  // A second member who finished, so the certificate and verify pages have something to show.
  const graduate = await call(base, 'POST', '/api/auth/register', {
    body: { email: 'jonah@example.org', password: MEMBER.password, name: 'Jonah Whitefeather' },
  });
  const done = await call(base, 'POST', `/api/modules/${SLUG}/enrolments`, {
    token: graduate.accessToken,
    body: module.tracks.length ? { track: module.tracks[0].key } : {},
  });
  for (const item of done.units.flatMap((unit) => unit.items)) {
    await call(base, 'POST', `/api/enrolments/${done.id}/items/${item.id}/staff-completion`, {
      token: staffToken,
      body: { reason: 'Screenshot data' },
    });
  }
  const [certificate] = await waitFor(async () => {
    const list = await call(base, 'GET', '/api/me/certificates', { token: graduate.accessToken });
    return list.length ? list : null;
  }, 'the certificate');

  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'],
  });

  async function session(account, locale = 'en-CA', viewport = { width: 1280, height: 860 }) {
    const context = await browser.newContext({ baseURL: base, viewport, locale });
    const page = await context.newPage();
    if (account) {
      await page.goto('/login');
      await page.getByLabel(/^Email/).fill(account.email);
      await page.getByLabel(/^Password/).fill(account.password);
      await page
        .getByRole('button', { name: /Sign in|Se connecter/ })
        .last()
        .click();
      await page.getByText(/Signed in as|Connecté/).waitFor();
    }
    return { context, page };
  }

  async function shot(page, name, path, ready) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, ...(ready ? { name: ready } : {}) }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(outDir, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png`);
  }

  const visitor = await session(null);
  await shot(visitor.page, 'catalog', '/');
  await shot(visitor.page, 'catalog-fr', '/?lang=fr');
  await visitor.context.close();
  const phone = await session(null, 'fr-CA', { width: 390, height: 844 });
  await shot(phone.page, 'catalog-fr-phone', '/?lang=fr');
  await phone.context.close();

  const learner = await session(MEMBER);
  await shot(learner.page, 'module', `/modules/${SLUG}`);
  await shot(learner.page, 'lesson', `/learn/${enrolment.id}?item=${firstLesson.id}`);
  if (firstQuiz) await shot(learner.page, 'quiz', `/learn/${enrolment.id}?item=${firstQuiz.id}`);
  await learner.context.close();

  const holder = await session({ email: 'jonah@example.org', password: MEMBER.password });
  await shot(holder.page, 'certificates', '/certificates');
  await shot(holder.page, 'verify', `/verify/${certificate.serial}`);
  await holder.context.close();

  const staff = await session(ADMIN);
  await shot(staff.page, 'staff-dashboard', '/staff');
  await shot(staff.page, 'staff-module', `/staff/modules/${SLUG}`);
  await shot(staff.page, 'staff-content', '/staff/content');
  await staff.page.setViewportSize({ width: 1280, height: 900 });
  await shot(staff.page, 'editor', `/staff/modules/${SLUG}/edit`, /Banking for Producers/);
  await staff.context.close();
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
