import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@greenlight/database';
import { INSERT_ATTEMPT_SQL, QUIZ_STANDING_SQL } from '../progress-writes.sql';
import { QuizStanding, quizStandingsSql } from './quiz-standing';
import type { Answer, QuestionResult } from '../grading/grading';

export interface NewAttempt {
  enrolmentId: string;
  itemId: string;
  number: number;
  answers: Record<string, Answer>;
  results: QuestionResult[];
  score: number;
  passed: boolean;
}

export interface AttemptRecord {
  id: string;
  number: number;
  score: number;
  passed: boolean;
  answers: Record<string, Answer>;
  results: QuestionResult[];
  createdAt: Date;
}

const COUNTER_SLOTS = 8;
const slot = () => Math.floor(Math.random() * COUNTER_SLOTS);

/** Quiz attempts and the per-quiz and per-question counters the module report reads. */
@Injectable()
export class QuizAttemptRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The enrolment's standing on one quiz, and whether its item is completed (by a pass, or by staff). */
  async standing(
    manager: EntityManager,
    enrolmentId: string,
    itemId: string,
  ): Promise<QuizStanding & { completed: boolean; extra: number }> {
    const [row] = await preparedQuery<Required<QuizStanding> & { completed: boolean }>(manager, QUIZ_STANDING_SQL, [
      enrolmentId,
      itemId,
    ]);
    return row;
  }

  /** Each enrolment's standing on each quiz it attempted or was granted extra attempts at. */
  async standings(enrolmentIds: string[]): Promise<Map<string, Map<string, QuizStanding>>> {
    const rows: ({ enrolmentId: string; itemId: string } & QuizStanding)[] = await this.dataSource.query(
      `SELECT enrolment_id AS "enrolmentId", item_id AS "itemId", attempts, passed, "bestScore", extra
         FROM (${quizStandingsSql('$1::uuid[]')}) q`,
      [enrolmentIds],
    );
    const result = new Map<string, Map<string, QuizStanding>>(enrolmentIds.map((id) => [id, new Map()]));
    for (const { enrolmentId, itemId, ...standing } of rows) result.get(enrolmentId)?.set(itemId, standing);
    return result;
  }

  /**
   * Stores the graded attempt, adds it to the quiz's counters and each question's answered/missed counters,
   * and marks the enrolment active (an attempt is activity, passed or not: who is stuck reads
   * last_activity_at), in one statement (one round trip inside the caller's transaction).
   */
  async insert(
    manager: EntityManager,
    moduleId: string,
    attempt: NewAttempt,
  ): Promise<{ id: string; createdAt: Date }> {
    const [row] = await preparedQuery<{ id: string; createdAt: Date }>(manager, INSERT_ATTEMPT_SQL, [
      attempt.enrolmentId,
      attempt.itemId,
      attempt.number,
      JSON.stringify(attempt.answers),
      JSON.stringify(attempt.results),
      attempt.score,
      attempt.passed,
      moduleId,
      slot(),
      attempt.passed ? 1 : 0,
      attempt.results.map((r) => r.questionId),
      attempt.results.map((r) => (r.correct ? 0 : 1)),
    ]);
    return row;
  }

  list(enrolmentId: string, itemId: string): Promise<AttemptRecord[]> {
    return this.dataSource.query(
      `SELECT id, number, score::float8 AS score, passed, answers, results, created_at AS "createdAt"
         FROM progress.quiz_attempts WHERE enrolment_id = $1 AND item_id = $2 ORDER BY number`,
      [enrolmentId, itemId],
    );
  }
}
