import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ModuleCounts {
  /** Members enrolled, each counted once however often they renewed. */
  enrolled: number;
  /** Members whose current enrolment is completed (a renewal in progress is not). */
  completed: number;
  /** Renewals started, and those completed. */
  renewals: number;
  renewalsCompleted: number;
}

export interface QuestionCounts {
  itemId: string;
  questionId: string;
  answered: number;
  missed: number;
}

/**
 * The reports' counters and aggregates: overviews read the counter tables kept in the completion
 * transaction (a few rows per module, whatever the number of members); the median and "stuck" read
 * progress' own indexes.
 */
@Injectable()
export class ReportCountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async moduleCounts(): Promise<Map<string, ModuleCounts>> {
    const rows: ({ moduleId: string } & ModuleCounts)[] = await this.dataSource.query(
      `SELECT module_id AS "moduleId", sum(enrolled)::int AS enrolled, sum(completed)::int AS completed,
              sum(renewals)::int AS renewals, sum(renewals_completed)::int AS "renewalsCompleted"
         FROM progress.module_counters GROUP BY module_id`,
    );
    return new Map(rows.map(({ moduleId, ...counts }) => [moduleId, counts]));
  }

  async countsOf(moduleId: string): Promise<ModuleCounts> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(sum(enrolled), 0)::int AS enrolled, coalesce(sum(completed), 0)::int AS completed,
              coalesce(sum(renewals), 0)::int AS renewals, coalesce(sum(renewals_completed), 0)::int AS "renewalsCompleted"
         FROM progress.module_counters WHERE module_id = $1`,
      [moduleId],
    );
    return row;
  }

  /** Median days from enrolment to completion, over members' current completed enrolments; null when none. */
  async medianDaysToComplete(moduleId: string): Promise<number | null> {
    const [row] = await this.dataSource.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - enrolled_at)) / 86400
                AS days
         FROM progress.enrolments WHERE module_id = $1 AND status = 'completed' AND current`,
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

  /**
   * Members in progress with no activity for `days` days, by the unit they are in ("stuck" per unit): one
   * index-only range scan of the activity index, which carries the current unit.
   */
  async stuckByUnit(moduleId: string, days: number): Promise<Map<string | null, number>> {
    const rows: { unitId: string | null; n: number }[] = await this.dataSource.query(
      `SELECT current_unit_id AS "unitId", count(*)::int AS n FROM progress.enrolments
        WHERE module_id = $1 AND status = 'in_progress' AND current AND last_activity_at <= now() - $2::int * interval '1 day'
        GROUP BY current_unit_id`,
      [moduleId, days],
    );
    return new Map(rows.map((row) => [row.unitId, row.n]));
  }
}
