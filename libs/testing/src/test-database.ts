import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { databaseUrl, TEST_DB_PREFIX, TEST_PG_URL } from './test-env';

export interface TestDatabase {
  name: string;
  url: string;
  /** A small pool on the test database, for arranging and inspecting rows directly. */
  pool: Pool;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database cloned from this run's template; drop() removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const runId = process.env.GL_TEST_RUN_ID;
  const template = process.env.GL_TEST_TEMPLATE;
  if (!runId || !template)
    throw new Error('Run integration tests through jest (its globalSetup prepares the template database).');
  const name = `${TEST_DB_PREFIX}${runId}_${randomBytes(4).toString('hex')}`;
  await admin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Two clones starting at the same instant can collide on the template's lock; try again shortly.
        if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
      }
    }
  });
  const url = databaseUrl(name);
  const pool = new Pool({ connectionString: url, max: 4 });
  // pool.end() resolves before its clients' sockets have closed, so DROP … WITH (FORCE) can still
  // terminate one (57P01); without a listener the pool would throw that as an unhandled 'error' event
  // into whichever test suite runs next. Any other error of an idle client is still thrown.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  return {
    name,
    url,
    pool,
    drop: async () => {
      await pool.end();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
