/** Where the test suite finds PostgreSQL and Redis: the same defaults as the app, overridable by TEST_* variables. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Test databases carry the run's start time, so a later run can drop what a killed run left behind. */
export const TEST_DB_PREFIX = 'gl_test_';
export const STALE_AFTER_MS = 3 * 3600 * 1000;
