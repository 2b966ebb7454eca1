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
 * granted extra attempts. A quiz with neither has no row: its standing is `NO_STANDING`.
 */
export const quizStandingsSql = (enrolmentIds: string) => `
  SELECT enrolment_id, item_id, count(a.id)::int AS attempts,
         coalesce(bool_or(a.passed), false) AS passed, max(a.score)::float8 AS "bestScore",
         coalesce(max(x.extra), 0)::int AS extra
    FROM (SELECT enrolment_id, item_id FROM progress.quiz_attempts WHERE enrolment_id = ANY(${enrolmentIds})
          UNION SELECT enrolment_id, item_id FROM progress.extra_attempts WHERE enrolment_id = ANY(${enrolmentIds})) k
    LEFT JOIN progress.quiz_attempts a USING (enrolment_id, item_id)
    LEFT JOIN (SELECT enrolment_id, item_id, count(*) AS extra FROM progress.extra_attempts
                WHERE enrolment_id = ANY(${enrolmentIds}) GROUP BY enrolment_id, item_id) x USING (enrolment_id, item_id)
   GROUP BY enrolment_id, item_id`;

export const NO_STANDING: Readonly<Required<QuizStanding>> = { attempts: 0, passed: false, bestScore: null, extra: 0 };
