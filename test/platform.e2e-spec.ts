import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, freePort, TestDatabase } from '@greenlight/testing';
import { buildOnce, startApp, waitForHealth } from './support/processes';

const startPlatform = (env: Record<string, string>) => startApp('platform', env);

/** The built platform, started the way `npm start` starts it. */
describe('the platform process', () => {
  let db: TestDatabase;

  beforeAll(buildOnce, 300_000);

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.drop());

  it('migrates a fresh database, answers health and docs, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const name = `${db.name}_fresh`;
    const freshUrl = db.url.replace(/\/[^/]+$/, `/${name}`);
    const platform = startPlatform({
      PORT: String(port),
      DATABASE_URL: freshUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gl-e2e-')),
      QUEUE_PREFIX: `gle2e-${port}`,
    });
    try {
      const health = await waitForHealth(url);
      expect(await health.json()).toEqual({
        status: 'ok',
        checks: { database: 'up', redis: 'up' },
        details: { certificateBacklog: { waiting: 0, overdue: 0 } },
      });
      // A first start imports content/: the STAR Producer Program, in both languages.
      const en = (await (await fetch(`${url}/api/modules`)).json()) as { slug: string; title: string }[];
      const fr = (await (await fetch(`${url}/api/modules?lang=fr`)).json()) as { slug: string; title: string }[];
      expect(en.length).toBeGreaterThanOrEqual(7);
      expect(en.find((m) => m.slug === 'banking-for-producers')?.title).toBe('Banking for Producers');
      expect(fr.find((m) => m.slug === 'banking-for-producers')?.title).toBe(
        'Les services bancaires pour les producteurs',
      );
      const docs = await fetch(`${url}/api/docs-json`);
      expect(docs.status).toBe(200);
      const page = await fetch(`${url}/some/page/route`);
      expect(page.headers.get('content-type')).toContain('text/html');

      const started = Date.now();
      platform.child.kill('SIGTERM');
      expect(await platform.exited).toBe('SIGTERM');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      platform.child.kill('SIGKILL');
      await db.pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }, 60_000);

  it('refuses a bad setting with one line naming the variable', async () => {
    const platform = startPlatform({ PORT: 'eighty', DATABASE_URL: db.url });
    expect(await platform.exited).toBe('exit 1');
    expect(platform.output().trim()).toBe(
      'Invalid configuration: PORT must be a whole number from 1 to 65535 (got "eighty")',
    );
  }, 30_000);

  it('says which dependency it could not reach', async () => {
    const platform = startPlatform({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
      PORT: String(await freePort()),
    });
    expect(await platform.exited).toBe('exit 1');
    expect(platform.output()).toMatch(/Greenlight could not start: .*(ECONNREFUSED|connect).*/);
  }, 30_000);
});
