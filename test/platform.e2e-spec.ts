import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, freePort, TestDatabase } from '@greenlight/testing';

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist/apps/platform/src/main.js');

function startPlatform(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<string>;
} {
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // Nest closes the app on SIGTERM and then re-raises the signal, so a clean stop ends by that signal.
  const exited = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  return { child, output: () => output, exited };
}

async function waitForHealth(url: string, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The built platform, started the way `npm start` starts it. */
describe('the platform process', () => {
  let db: TestDatabase;

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--build-only'], { cwd: ROOT, stdio: 'ignore' });
  }, 180_000);

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
      IMPORT_CONTENT_DIR: 'none',
    });
    try {
      const health = await waitForHealth(url);
      expect(await health.json()).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
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
