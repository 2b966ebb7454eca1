import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import IORedis from 'ioredis';
// globalSetup is transformed but not module-mapped by jest, so this one import is relative.
import { runMigrations } from '../../database/src/migrate';
import { databaseUrl, STALE_AFTER_MS, TEST_DB_PREFIX, TEST_PG_URL, TEST_REDIS_URL } from './test-env';

/**
 * Once per `jest` run: checks that PostgreSQL and Redis answer, drops databases left by runs that
 * died long ago, and migrates a template database that every test file clones (fast and isolated).
 */
export default async function globalSetup(): Promise<void> {
  buildServerOnce();
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect().catch((error: Error) => {
    throw new Error(`Tests need PostgreSQL at ${TEST_PG_URL} (set TEST_DATABASE_URL): ${error.message}`);
  });
  const redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch((error: Error) => {
    throw new Error(`Tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL): ${error.message}`);
  });
  redis.disconnect();

  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${TEST_DB_PREFIX}%`,
    ]);
    for (const { datname } of rows) {
      const started = parseInt(datname.slice(TEST_DB_PREFIX.length).split('_')[0], 36);
      if (Number.isFinite(started) && Date.now() - started > STALE_AFTER_MS) {
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    const runId = `${Date.now().toString(36)}_${process.pid}`;
    const template = `${TEST_DB_PREFIX}${runId}_template`;
    await runMigrations(databaseUrl(template));
    process.env.GL_TEST_RUN_ID = runId;
    process.env.GL_TEST_TEMPLATE = template;
  } finally {
    await admin.end();
  }
}

/**
 * The end-to-end tests start the built apps as processes. Building here, once, before any test file
 * runs, keeps parallel test files from rebuilding dist/ under each other (a no-op when nothing is stale).
 */
function buildServerOnce(): void {
  const root = join(__dirname, '../../..');
  try {
    execFileSync(process.execPath, [join(root, 'scripts/start.mjs'), '--build-only'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`The build failed, so the end-to-end tests cannot run:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
