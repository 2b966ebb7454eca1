import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { DataSource } from 'typeorm';
import { preparedQuery } from './prepared-query';

describe('preparedQuery', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: db.url, extra: { max: 2 } }).initialize();
    await dataSource.query('CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)');
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const bump = `INSERT INTO counters (id, n) VALUES ($1, 1)
                ON CONFLICT (id) DO UPDATE SET n = counters.n + 1 RETURNING n`;

  it('runs inside a transaction as a named statement that the connection keeps', async () => {
    const seen = await dataSource.transaction(async (manager) => {
      const first = await preparedQuery<{ n: number }>(manager, bump, [1]);
      const second = await preparedQuery<{ n: number }>(manager, bump, [1]);
      const prepared = await manager.query(
        `SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO counters%'`,
      );
      return { first, second, prepared };
    });
    expect(seen.first).toEqual([{ n: 1 }]);
    expect(seen.second).toEqual([{ n: 2 }]);
    expect(seen.prepared).toHaveLength(1);
    expect(seen.prepared[0].name).toMatch(/^gl_[0-9a-f]{20}$/);
  });

  it('runs outside a transaction as an ordinary query, with the same rows', async () => {
    expect(await preparedQuery<{ n: number }>(dataSource.manager, bump, [2])).toEqual([{ n: 1 }]);
    expect(await preparedQuery<{ n: number }>(dataSource.manager, 'SELECT n FROM counters WHERE id = $1', [2])).toEqual(
      [{ n: 1 }],
    );
  });

  it("rolls back with the caller's transaction and reports PostgreSQL's error code", async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await preparedQuery(manager, bump, [3]);
        await preparedQuery(manager, 'INSERT INTO counters (id, n) VALUES ($1, NULL)', [4]);
      }),
    ).rejects.toMatchObject({ code: '23502' });
    expect(await dataSource.query('SELECT n FROM counters WHERE id = 3')).toEqual([]);
  });
});
