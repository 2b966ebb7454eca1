import { z } from 'zod';
import { DOCUMENT_LIMITS, MAX_QUESTIONS_PER_QUIZ } from '@greenlight/content';
import { text } from '../dto/text';

/**
 * One question's answer as an attempt sends it: an option id, option ids, true/false, a typed text or
 * number, or a matching question's `{[itemId]: choiceId}`. Whether it fits its question is the grader's
 * to say, with the question named.
 */
const answer = z.union([
  text().max(2000),
  z.array(text().max(100)).max(100),
  z.boolean(),
  z.number(),
  z.null(),
  z
    .record(text().max(100), text().max(100))
    .refine((pairs) => Object.keys(pairs).length <= DOCUMENT_LIMITS.optionsPerQuestion, 'too many items'),
]);

/** The answers of an attempt, a member's or a staff member's preview of a draft: one schema for both. */
export const attemptAnswers = z
  .record(text().max(100), answer)
  .refine((answers) => Object.keys(answers).length <= MAX_QUESTIONS_PER_QUIZ, 'too many answers');

/** How the answers read in the OpenAPI document. */
export const ATTEMPT_ANSWERS_DESCRIPTION =
  '{[questionId]: optionId | optionId[] | boolean | string | number | {[itemId]: choiceId} (matching)}';
