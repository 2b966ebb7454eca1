import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient, QueryArrayConfig } from 'pg';
import { DataSource } from 'typeorm';
import { eachRow } from '@greenlight/database';
import { ExportedRow, MemberFilter, memberExportSelect, memberWhere } from './member-list.sql';

/** Rows handed to the CSV writer per round trip while a member list streams out. */
const STREAM_BATCH = 500;
const EXPORT_WORK_MEM = '32MB';
/** The next batch, every column as PostgreSQL's text: the export formats nothing it would have to parse first. */
const NEXT_BATCH: QueryArrayConfig = {
  text: `FETCH ${STREAM_BATCH} FROM member_list`,
  rowMode: 'array',
  types: { getTypeParser: () => (text: string) => text },
};

/** The member list as one stream, for the CSV export. */
@Injectable()
export class MemberExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The whole member list in enrolment order, fetched through a server-side cursor a batch at a time,
   * so a 100,000-row export never sits in memory. Each row is handed to `convert` the moment it arrives
   * and only what that returns is kept (eachRow says why). Stopping early (a client hanging up) closes the cursor.
   */
  async *streamMembers<T>(
    moduleId: string,
    filter: MemberFilter,
    convert: (row: ExportedRow) => T,
  ): AsyncGenerator<T[]> {
    const { where, parameters } = memberWhere(moduleId, filter);
    const runner = this.dataSource.createQueryRunner();
    // The runner's own pg client: rows as arrays of text, one at a time, which TypeORM's query() does not offer.
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query('SET LOCAL jit = off');
      // The list is sorted before its first row leaves: 100,000 members take about 10 MB, which PostgreSQL's
      // default work_mem (4 MB) would sort on disk. This transaction only may use more.
      await client.query(`SET LOCAL work_mem = '${EXPORT_WORK_MEM}'`);
      await client.query(`DECLARE member_list NO SCROLL CURSOR FOR ${memberExportSelect(where)}`, parameters);
      for (;;) {
        const batch: T[] = [];
        await eachRow<ExportedRow>(client, NEXT_BATCH, (row) => batch.push(convert(row)));
        if (!batch.length) break;
        yield batch;
      }
      await client.query('COMMIT');
    } finally {
      // Also reached when the consumer stops early or a query failed: the open transaction (and its cursor)
      // must not leak into the pool.
      await client.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}
