import { z } from 'zod';
import { text } from '../../dto/text';

const answer = z.union([text().max(2000), z.array(text().max(100)).max(100), z.boolean(), z.number(), z.null()]);

export const attemptSchema = z.strictObject({
  answers: z.record(text().max(100), answer).refine((a) => Object.keys(a).length <= 500, 'too many answers'),
});
export type AttemptDto = z.infer<typeof attemptSchema>;
