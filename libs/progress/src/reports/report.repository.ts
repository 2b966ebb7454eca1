import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MemberPosition, microsToIso } from './member-cursor';

export interface ModuleCounts {
  enrolled: number;
  completed: number;
}

export interface QuestionCounts {
  itemId: string;
  questionId: string;
  answered: number;
  missed: number;
}

export interface MemberFilter {
  status?: 'in_progress' | 'completed';
  track?: string;
  /** Part of the member's name or email, any case. */
  query?: string;
  /** No activity for at least this many days; completed members are left out. */
  inactiveDays?: number;
  /** Members whose current item is one of these (the items of the unit they reached). */
  currentItemIds?: string[];
}

/** A member-list row as progress holds it; the service adds the name and email from the auth lib. */
export interface ListedEnrolment {
  memberId: string;
  track: string | null;
  status: 'in_progress' | 'completed';
  completedItems: number;
  totalItems: number;
  enrolledAt: Date;
  completedAt: Date | null;
  certificateSerial: string | null;
  lastActivityAt: Date;
  currentItemId: string | null;
}

export interface MemberRow extends ListedEnrolment {
  name: string;
  email: string;
}

/** A page asked for by number (OFFSET) or as the rows after a position (keyset). */
export type MemberWindow = { page: number } | { after: MemberPosition };

interface MemberPageRow extends ListedEnrolment {
  enrolmentId: string;
  /** enrolled_at in microseconds as text: a JavaScript Date keeps only milliseconds. */
  enrolledAtMicros: string;
}

/** Rows handed to the CSV writer per round trip while a member list streams out. */
const STREAM_BATCH = 1000;

/**
 * The reports' SQL. Overviews read the counter tables kept in the completion transaction (a few rows
 * per module, whatever the number of members); the member list pages through an index on
 * (module, [status,] enrolled_at, id); names and emails are the auth lib's (`UsersRepository.contactsOf`),
 * read by the service for each page or batch. The search filter is the one read of auth.users here: see
 * docs/progress.md, "Reading members".
 */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async moduleCounts(): Promise<Map<string, ModuleCounts>> {
    const rows: ({ moduleId: string } & ModuleCounts)[] = await this.dataSource.query(
      `SELECT module_id AS "moduleId", sum(enrolled)::int AS enrolled, sum(completed)::int AS completed
         FROM progress.module_counters GROUP BY module_id`,
    );
    return new Map(rows.map(({ moduleId, ...counts }) => [moduleId, counts]));
  }

  async countsOf(moduleId: string): Promise<ModuleCounts> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(sum(enrolled), 0)::int AS enrolled, coalesce(sum(completed), 0)::int AS completed
         FROM progress.module_counters WHERE module_id = $1`,
      [moduleId],
    );
    return row;
  }

  /** Median days from enrolment to completion, over the module's completed enrolments; null when none. */
  async medianDaysToComplete(moduleId: string): Promise<number | null> {
    const [row] = await this.dataSource.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - enrolled_at)) / 86400
                AS days
         FROM progress.enrolments WHERE module_id = $1 AND status = 'completed'`,
      [moduleId],
    );
    return row.days === null ? null : Number(row.days);
  }

  async unitCompletions(moduleId: string): Promise<Map<string, number>> {
    const rows: { unitId: string; completed: number }[] = await this.dataSource.query(
      `SELECT unit_id AS "unitId", sum(completed)::int AS completed FROM progress.unit_counters
        WHERE module_id = $1 GROUP BY unit_id`,
      [moduleId],
    );
    return new Map(rows.map((row) => [row.unitId, row.completed]));
  }

  /** Completions per calendar month (UTC) since `since`, across every module; months without one are absent. */
  async completionsByMonth(since: Date): Promise<{ month: string; completions: number }[]> {
    return this.dataSource.query(
      `SELECT to_char(date_trunc('month', completed_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
              count(*)::int AS completions
         FROM progress.enrolments WHERE completed_at >= $1 GROUP BY 1 ORDER BY 1`,
      [since],
    );
  }

  async quizCounts(moduleId: string): Promise<Map<string, { attempts: number; passed: number }>> {
    const rows: { itemId: string; attempts: number; passed: number }[] = await this.dataSource.query(
      `SELECT item_id AS "itemId", sum(attempts)::int AS attempts, sum(passed)::int AS passed
         FROM progress.quiz_counters WHERE module_id = $1 GROUP BY item_id`,
      [moduleId],
    );
    return new Map(rows.map(({ itemId, ...counts }) => [itemId, counts]));
  }

  questionCounts(moduleId: string): Promise<QuestionCounts[]> {
    return this.dataSource.query(
      `SELECT item_id AS "itemId", question_id AS "questionId", sum(answered)::int AS answered,
              sum(missed)::int AS missed
         FROM progress.question_counters WHERE module_id = $1 GROUP BY item_id, question_id`,
      [moduleId],
    );
  }

  /** Members in progress with no activity for `days` days, by the item they are on (for "stuck" per unit). */
  async stuckByItem(moduleId: string, days: number): Promise<Map<string | null, number>> {
    const rows: { itemId: string | null; n: number }[] = await this.dataSource.query(
      `SELECT current_item_id AS "itemId", count(*)::int AS n FROM progress.enrolments
        WHERE module_id = $1 AND status = 'in_progress' AND last_activity_at <= now() - $2::int * interval '1 day'
        GROUP BY current_item_id`,
      [moduleId, days],
    );
    return new Map(rows.map((row) => [row.itemId, row.n]));
  }

  /** The relay's backlog: what is waiting for Redis, and why the last try failed. */
  async outboxStatus(): Promise<{
    pending: number;
    retrying: number;
    oldestPendingAt: Date | null;
    lastError: string | null;
  }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempts > 0)::int AS retrying,
              min(created_at) AS "oldestPendingAt",
              (array_agg(last_error ORDER BY id DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS "lastError"
         FROM progress.outbox WHERE published_at IS NULL`,
    );
    return row;
  }

  /**
   * One page of the member list, and the position after its last row when more rows follow. The page
   * is cut from the index first and only its rows are joined to users (so a page costs an index walk,
   * not a sort of the whole module). By number, the walk skips every earlier row (OFFSET: deep pages
   * cost in proportion to their depth); after a position, it starts there (keyset: every page costs
   * the same). One row more than the page is read to know whether another page follows. The total
   * comes from the counters unless a track or search filter needs a count.
   */
  async memberPage(
    moduleId: string,
    filter: MemberFilter,
    window: MemberWindow,
    pageSize: number,
  ): Promise<{ rows: ListedEnrolment[]; total: number; next: MemberPosition | null }> {
    const { where, parameters } = memberWhere(moduleId, filter);
    let pageWhere = where;
    let pageParameters = parameters;
    let limit = `LIMIT ${pageSize + 1}`;
    if ('after' in window) {
      pageParameters = [...parameters, microsToIso(window.after.enrolledAtMicros), window.after.enrolmentId];
      const n = pageParameters.length;
      // A row comparison on the index's own columns: the scan starts at the position instead of filtering.
      pageWhere += ` AND (e.enrolled_at, e.id) > ($${n - 1}::timestamptz, $${n}::uuid)`;
    } else {
      limit += ` OFFSET ${(window.page - 1) * pageSize}`;
    }
    const [fetched, total]: [MemberPageRow[], number] = await Promise.all([
      this.dataSource.query(memberSelect(pageWhere, limit, true), pageParameters),
      this.memberTotal(moduleId, filter, where, parameters),
    ]);
    const rows = fetched.slice(0, pageSize);
    const last = rows[rows.length - 1];
    const next =
      fetched.length > pageSize
        ? { enrolledAtMicros: BigInt(last.enrolledAtMicros), enrolmentId: last.enrolmentId }
        : null;
    return { rows, total, next };
  }

  private async memberTotal(moduleId: string, filter: MemberFilter, where: string, parameters: unknown[]) {
    if (!filter.track && !filter.query && filter.inactiveDays === undefined && !filter.currentItemIds) {
      const counts = await this.countsOf(moduleId);
      if (!filter.status) return counts.enrolled;
      return filter.status === 'completed' ? counts.completed : counts.enrolled - counts.completed;
    }
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM progress.enrolments e WHERE ${where}`,
      parameters,
    );
    return row.total as number;
  }

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

function memberWhere(moduleId: string, filter: MemberFilter) {
  const parameters: unknown[] = [moduleId];
  let where = 'e.module_id = $1';
  if (filter.status) {
    parameters.push(filter.status);
    where += ` AND e.status = $${parameters.length}`;
  }
  if (filter.track) {
    parameters.push(filter.track);
    where += ` AND e.track = $${parameters.length}`;
  }
  if (filter.inactiveDays !== undefined) {
    parameters.push(filter.inactiveDays);
    where += ` AND e.status = 'in_progress' AND e.last_activity_at <= now() - $${parameters.length}::int * interval '1 day'`;
  }
  if (filter.currentItemIds) {
    parameters.push(filter.currentItemIds);
    where += ` AND e.status = 'in_progress' AND e.current_item_id = ANY($${parameters.length}::uuid[])`;
  }
  if (filter.query) {
    // The search text is matched literally: %, _ and \ typed by staff are not patterns.
    parameters.push(`%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where += ` AND e.member_id IN (SELECT id FROM auth.users WHERE name ILIKE $${parameters.length} OR email ILIKE $${parameters.length})`;
  }
  return { where, parameters };
}

/**
 * The page (or the whole list) in enrolment order: enrolments first, then serials for just those rows
 * (names and emails come from the auth lib for the same rows). With `position`, each row also carries where it stands in that order, exactly.
 */
const memberSelect = (where: string, limit = '', position = false) => `
  SELECT e.member_id AS "memberId", e.track, e.status, e.completed_items AS "completedItems", e.total_items AS "totalItems",
         e.enrolled_at AS "enrolledAt", e.completed_at AS "completedAt",
         CASE WHEN c.status = 'issued' THEN c.serial END AS "certificateSerial",
         e.last_activity_at AS "lastActivityAt", e.current_item_id AS "currentItemId"${
           position
             ? `,
         e.id AS "enrolmentId", (extract(epoch FROM e.enrolled_at) * 1000000)::bigint::text AS "enrolledAtMicros"`
             : ''
         }
    FROM (SELECT e.id, e.member_id, e.track, e.status, e.completed_items, e.total_items, e.enrolled_at, e.completed_at,
                 e.last_activity_at, e.current_item_id
            FROM progress.enrolments e
           WHERE ${where}
           ORDER BY e.enrolled_at, e.id ${limit}) e
    LEFT JOIN progress.enrolment_certificates c ON c.enrolment_id = e.id
   ORDER BY e.enrolled_at, e.id`;
