import { timestamp, uuid } from '@greenlight/common';
import { z } from 'zod';

/** One question's answer as the member sent it (see the request's `answers`). */
const sentAnswer = z.union([
  z.string(),
  z.array(z.string()),
  z.boolean(),
  z.number(),
  z.null(),
  z.record(z.string(), z.string()),
]);

export const questionResultResponse = z
  .object({
    questionId: uuid(),
    correct: z.boolean(),
    feedback: z.string().optional().meta({ description: 'Left out when the question has none for this answer' }),
  })
  .meta({ id: 'QuestionResult' });

const pastAttempt = {
  id: uuid(),
  number: z.int().min(1),
  score: z.number().min(0).max(100),
  passed: z.boolean(),
  answers: z.record(z.string(), sentAnswer).meta({ description: "The member's own answers, as sent" }),
  results: z.array(questionResultResponse),
  createdAt: timestamp(),
};

export const pastAttemptResponse = z.object(pastAttempt).meta({ id: 'PastAttempt' });

export const attemptResponse = z
  .object({
    ...pastAttempt,
    passMark: z.number().min(0).max(100),
    attemptsLeft: z.int().min(0).nullable().meta({ description: 'null: unlimited; 0 once passed' }),
    moduleCompleted: z.boolean().meta({ description: 'This attempt completed the module' }),
  })
  .meta({ id: 'QuizAttempt' });
