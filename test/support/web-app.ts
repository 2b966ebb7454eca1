/// <reference lib="dom" />
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { createHttpApp } from '@greenlight/common';
import { AppConfig, loadConfig } from '@greenlight/config';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase } from '@greenlight/testing';
import { PlatformModule } from '../../apps/platform/src/platform.module';
import { serveWeb } from '../../apps/platform/src/web';

const ROOT = resolve(__dirname, '../..');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A private build of the front end (browser app and server renderer), so a parallel
 * `npm start --build-only` rewriting apps/web/dist cannot race the browser tests.
 */
export function buildWeb(): string {
  const distDir = mkdtempSync(join(tmpdir(), 'gl-web-dist-'));
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error', '--outDir', distDir],
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    { cwd: join(ROOT, 'apps/web'), stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  return distDir;
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

export interface WebApp {
  app: NestFastifyApplication;
  url: string;
  db: TestDatabase;
  config: AppConfig;
  close(): Promise<void>;
}

export interface WebAppOptions {
  /** Extra environment (e.g. a MailCatcher's SMTP_URL, single sign-on's OIDC_* variables). */
  env?: Record<string, string>;
  /** A port chosen beforehand (below 32768, e.g. freePort()), for a PUBLIC_URL known before start. */
  port?: number;
  /** The host in PUBLIC_URL (it listens on 127.0.0.1 either way): `localhost` makes it another site than 127.0.0.1. */
  host?: string;
}

/** The platform as main.ts wires it (API, worker, built web app) on a fresh database and a random port. */
export async function startWebApp(distDir: string, options: WebAppOptions = {}): Promise<WebApp> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'gl-web-'));
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '8',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `glweb-${randomBytes(4).toString('hex')}`,
    AUTH_RATE_LIMIT: '10000',
    VERIFY_RATE_LIMIT: '10000',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    CERT_STORAGE_DIR: join(dataDir, 'certificates'),
    RUN_WORKER: 'true',
    OUTBOX_POLL_MS: '200',
    IMPORT_CONTENT_DIR: 'none',
    WEB_DIST_DIR: distDir,
    ...(options.port ? { PUBLIC_URL: `http://${options.host ?? '127.0.0.1'}:${options.port}` } : {}),
    ...options.env,
  };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  let app: NestFastifyApplication;
  let config: AppConfig;
  try {
    config = loadConfig();
    app = await createHttpApp(PlatformModule.register(config), config, {
      title: 'web test',
      beforeInit: (nest) => serveWeb(nest, { distDir: config.WEB_DIST_DIR, publicUrl: config.PUBLIC_URL }),
    });
    await app.listen(options.port ?? 0, '127.0.0.1');
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const port = (app.getHttpServer().address() as { port: number }).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    app,
    url,
    db,
    config,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export async function api(base: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Registers a user, makes them staff in the database and signs in again, so the token carries the role. */
export async function staffToken(web: WebApp, email: string, password = 'staff password 123'): Promise<string> {
  const staff = await api(web.url, 'POST', '/api/auth/register', { email, password, name: 'Program Staff' });
  await web.db.pool.query(`UPDATE auth.users SET role = 'staff' WHERE id = $1`, [staff.body.user.id]);
  return (await api(web.url, 'POST', '/api/auth/login', { email, password })).body.accessToken;
}

/** A fresh browser context (no cookies) on the app, in Canadian English, taking downloads. */
export async function newPage(browser: Browser, web: WebApp): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: web.url, locale: 'en-CA', acceptDownloads: true });
  const page = await context.newPage();
  // Under a busy parallel `npm test` the browser steps are slow.
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/** No serious or critical WCAG 2.1 A/AA violation, and headings that start at h1 and never skip a level. */
export async function expectAccessible(page: Page, name: string) {
  // A page checked while a lazy route is still loading (e.g. right after an autosave moved to /edit) has no content yet.
  await page.locator('h1').first().waitFor();
  // A dialog still fading in blends its colours with the page behind: axe would measure the in-between contrast.
  // (Endless ones, such as a loader's spin, are left running.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  // Loaded here, not at the top: axe-core breaks under Jest's transform unless the spec mocks it (jest.mock is per file).
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${name}: ${violation.id} (${violation.impact}) ${violation.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`,
    );
  expect(bad).toEqual([]);
  const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (headings) =>
    headings.filter((h) => (h as HTMLElement).offsetParent !== null).map((h) => Number(h.tagName[1])),
  );
  expect(levels[0]).toBe(1);
  expect(levels.filter((level) => level === 1)).toHaveLength(1);
  levels.forEach((level, index) => {
    if (index > 0) expect(level - levels[index - 1]).toBeLessThanOrEqual(1);
  });
}
