import { z } from 'zod';

const answer = z.union([
  z.string().max(2000),
  z.array(z.string().max(100)).max(100),
  z.boolean(),
  z.number(),
  z.null(),
]);

export const attemptSchema = z.strictObject({
  answers: z.record(z.string().max(100), answer).refine((a) => Object.keys(a).length <= 500, 'too many answers'),
});
export type AttemptDto = z.infer<typeof attemptSchema>;
