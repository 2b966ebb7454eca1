import { Client } from 'pg';
import { TEST_DB_PREFIX, TEST_PG_URL } from './test-env';

/** Drops this run's template and anything a test file of this run failed to drop. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.GL_TEST_RUN_ID;
  if (!runId) return;
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${TEST_DB_PREFIX}${runId}%`,
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
