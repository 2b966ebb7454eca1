import { type PoolClient, Query, type QueryArrayConfig, type QueryConfig } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Runs one statement and hands each row to `each` as pg parses it; pg keeps none of them.
 *
 * For statements read in a stream of batches (the member CSV export): pg's usual answer collects a
 * statement's rows in an array before handing them over, and rows collected that way were nearly all
 * promoted to V8's old generation (alive through two young-generation collections) although each lived a
 * few milliseconds. An export of 100,000 members left 60–90 MB of such garbage for the next full collection,
 * which is how far the server's memory grew (bench part c). Taken one by one, rows die young.
 */
export function eachRow<R>(
  client: PoolClient,
  config: QueryConfig | QueryArrayConfig,
  each: (row: R) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // With a 'row' listener and no callback, pg hands each row over and keeps none.
    const query = new Query(config);
    query.on('row', (row) => each(row as R));
    query.on('end', () => resolve());
    query.on('error', reject);
    client.query(query);
  });
}

/** eachRow in the manager's transaction when it has one, else on a pooled connection for this statement. */
export async function eachRowOf<R>(
  manager: EntityManager,
  text: string,
  values: unknown[],
  each: (row: R) => void,
): Promise<void> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    await eachRow((await runner.connect()) as PoolClient, { text, values }, each);
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}
