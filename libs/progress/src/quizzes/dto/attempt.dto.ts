import { z } from 'zod';
import { attemptAnswers } from '../../grading/answers.schema';

export const attemptSchema = z.strictObject({ answers: attemptAnswers });
export type AttemptDto = z.infer<typeof attemptSchema>;
