import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ListedEnrolment, MemberFilter, memberSelect, memberWhere } from './member-list.sql';

/** Rows handed to the CSV writer per round trip while a member list streams out. */
const STREAM_BATCH = 1000;

/** The member list as one stream, for the CSV export. */
@Injectable()
export class MemberExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The whole member list in enrolment order, fetched through a server-side cursor a batch at a time,
   * so a 100,000-row export never sits in memory. Stopping early (a client hanging up) closes the cursor.
   */
  async *streamMembers(moduleId: string, filter: MemberFilter): AsyncGenerator<ListedEnrolment[]> {
    const { where, parameters } = memberWhere(moduleId, filter);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await runner.query('SET LOCAL jit = off');
      await runner.query(`DECLARE member_list NO SCROLL CURSOR FOR ${memberSelect(where)}`, parameters);
      for (;;) {
        const rows: ListedEnrolment[] = await runner.query(`FETCH ${STREAM_BATCH} FROM member_list`);
        if (!rows.length) break;
        yield rows;
      }
      await runner.query('COMMIT');
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // Also reached when the consumer stops early: the open transaction (and its cursor) must not leak.
      await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}
