import { ACTIVITY_NOW } from './enrolments/activity';
import { quizStandingsSql } from './quizzes/quiz-standing';

/*
 * The statements of the two hottest requests (a lesson completed, a quiz attempt), kept apart from their
 * repositories so that the bench's bare baseline (bench/baseline-server.mjs) runs these very texts from the
 * build: "the same SQL without the framework" holds by construction. Each runs prepared, inside the
 * caller's transaction, on an enrolment the caller holds locked.
 */

/**
 * EnrolmentRepository.recordItem: the item done, the counter, the member's position moved to the first of the
 * track's items ($5, in order, each of unit $6[n]) still to do, and the read-back (done items, quiz
 * standings), in one round trip. $1 enrolment, $2 item, $3 source, $4 recorded by. The current unit changes
 * only when a unit is finished: the other updates leave every indexed column as it was (a HOT update).
 */
export const RECORD_ITEM_SQL = `WITH inserted AS (
     INSERT INTO progress.item_completions (enrolment_id, item_id, source, recorded_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING item_id
   ), counted AS (
     UPDATE progress.enrolments
        SET completed_items = completed_items + 1, last_activity_at = ${ACTIVITY_NOW},
            (current_item_id, current_unit_id) = (
              SELECT t.id, t.unit FROM unnest($5::uuid[], $6::uuid[]) WITH ORDINALITY AS t(id, unit, n)
               WHERE t.id <> $2 AND NOT EXISTS (
                 SELECT FROM progress.item_completions c WHERE c.enrolment_id = $1 AND c.item_id = t.id)
               ORDER BY t.n LIMIT 1)
      WHERE id = $1 AND EXISTS (SELECT FROM inserted) RETURNING completed_items
   )
   SELECT EXISTS (SELECT FROM inserted) AS inserted,
          (SELECT completed_items FROM counted) AS "completedItems",
          ARRAY(SELECT item_id::text FROM progress.item_completions WHERE enrolment_id = $1) AS done,
          (SELECT coalesce(json_agg(s), '[]') FROM (
             SELECT item_id AS "itemId", attempts, passed, "bestScore", extra
               FROM (${quizStandingsSql('ARRAY[$1::uuid]')}) q) s) AS standings`;

/** QuizAttemptRepository.standing: the enrolment's ($1) standing on one quiz ($2), and whether it is done. */
export const QUIZ_STANDING_SQL = `SELECT coalesce(q.attempts, 0) AS attempts, coalesce(q.passed, false) AS passed, q."bestScore",
          coalesce(q.extra, 0) AS extra,
          EXISTS (SELECT FROM progress.item_completions WHERE enrolment_id = $1 AND item_id = $2) AS completed
     FROM (SELECT) one LEFT JOIN (${quizStandingsSql('ARRAY[$1::uuid]', 'item_id = $2')}) q ON true`;

/**
 * QuizAttemptRepository.insert: the graded attempt, the quiz's and each question's counters (slot $9), and
 * the enrolment's activity. $1 enrolment, $2 item, $3 number, $4 answers, $5 results, $6 score, $7 passed,
 * $8 module, $10 passed as 0/1, $11 question ids, $12 missed as 0/1 per question.
 */
export const INSERT_ATTEMPT_SQL = `WITH attempt AS (
     INSERT INTO progress.quiz_attempts (enrolment_id, item_id, number, answers, results, score, passed)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at
   ), quiz AS (
     INSERT INTO progress.quiz_counters (module_id, item_id, slot, attempts, passed) VALUES ($8, $2, $9, 1, $10)
     ON CONFLICT (module_id, item_id, slot) DO UPDATE
       SET attempts = quiz_counters.attempts + 1, passed = quiz_counters.passed + EXCLUDED.passed
   ), questions AS (
     INSERT INTO progress.question_counters (module_id, item_id, question_id, slot, answered, missed)
     SELECT $8, $2, q.id, $9, 1, q.missed FROM unnest($11::uuid[], $12::int[]) AS q(id, missed)
     ON CONFLICT (module_id, item_id, question_id, slot) DO UPDATE
       SET answered = question_counters.answered + 1, missed = question_counters.missed + EXCLUDED.missed
   ), active AS (
     UPDATE progress.enrolments SET last_activity_at = ${ACTIVITY_NOW}
      WHERE id = $1 AND last_activity_at IS DISTINCT FROM ${ACTIVITY_NOW}
   )
   SELECT id, created_at AS "createdAt" FROM attempt`;
