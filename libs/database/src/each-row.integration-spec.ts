import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { eachRow, eachRowOf } from './each-row';

describe('eachRow', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: db.url, extra: { max: 2 } }).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('hands over each row, in order, as pg parses it', async () => {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      const seen: unknown[] = [];
      await eachRow<[number, number]>(
        client,
        { text: 'SELECT i, i * 2 FROM generate_series(1, $1::int) AS i', values: [1000], rowMode: 'array' },
        (row) => seen.push(row),
      );
      expect(seen).toHaveLength(1000);
      expect(seen[0]).toEqual([1, 2]);
      expect(seen[999]).toEqual([1000, 2000]);
    } finally {
      await runner.release();
    }
  });

  it('rejects with PostgreSQL’s error, and the connection goes on working', async () => {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await expect(eachRow(client, { text: 'SELECT 1 / 0' }, () => undefined)).rejects.toMatchObject({ code: '22012' });
      const rows: { n: number }[] = [];
      await eachRow<{ n: number }>(client, { text: 'SELECT 7 AS n' }, (row) => rows.push(row));
      expect(rows).toEqual([{ n: 7 }]);
    } finally {
      await runner.release();
    }
  });

  it('runs in the manager’s transaction when it has one, else on a connection of its own', async () => {
    await dataSource.query('CREATE TABLE seen (id int PRIMARY KEY)');
    const inside = await dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO seen VALUES (1), (2)');
      const ids: number[] = [];
      // Uncommitted rows are visible only on the transaction's own connection.
      await eachRowOf<{ id: number }>(manager, 'SELECT id FROM seen ORDER BY id', [], (row) => ids.push(row.id));
      return ids;
    });
    expect(inside).toEqual([1, 2]);
    const outside: number[] = [];
    await eachRowOf<{ id: number }>(dataSource.manager, 'SELECT id FROM seen WHERE id > $1', [1], (row) =>
      outside.push(row.id),
    );
    expect(outside).toEqual([2]);
    // Every connection went back to the pool.
    const pool = (dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
    expect(pool.idleCount).toBe(pool.totalCount);
  });
});
