/** Where an enrolment stands on one quiz. */
export interface QuizStanding {
  attempts: number;
  passed: boolean;
  bestScore: number | null;
  /** Attempts staff granted beyond the quiz's maxAttempts. */
  extra?: number;
}

/**
 * The one query of quiz standings: a row (enrolment_id, item_id, attempts, passed, "bestScore", extra) per
 * quiz of the enrolments in `enrolmentIds` (an SQL expression of type uuid[]) that was attempted or
 * granted extra attempts; `where` narrows both tables further (e.g. `item_id = $2`). A quiz with neither
 * has no row: its standing is `NO_STANDING`. One pass over each table's (enrolment_id, …) index.
 */
export const quizStandingsSql = (enrolmentIds: string, where = 'true') => `
  SELECT enrolment_id, item_id, count(*) FILTER (WHERE attempt)::int AS attempts,
         coalesce(bool_or(passed), false) AS passed, max(score)::float8 AS "bestScore",
         count(*) FILTER (WHERE NOT attempt)::int AS extra
    FROM (SELECT enrolment_id, item_id, true AS attempt, passed, score FROM progress.quiz_attempts
           WHERE enrolment_id = ANY(${enrolmentIds}) AND ${where}
          UNION ALL
          SELECT enrolment_id, item_id, false, null, null FROM progress.extra_attempts
           WHERE enrolment_id = ANY(${enrolmentIds}) AND ${where}) k
   GROUP BY enrolment_id, item_id`;

export const NO_STANDING: Readonly<Required<QuizStanding>> = { attempts: 0, passed: false, bestScore: null, extra: 0 };
