import { z } from 'zod';

export const slugParam = z.string().min(1).max(100);
export const idParam = z.uuid('must be a UUID');
export const langQuery = z.strictObject({ lang: z.string().max(35).optional() });

export const enrolSchema = z.strictObject({ track: z.string().min(1).max(100).optional() });
export type EnrolDto = z.infer<typeof enrolSchema>;

export const staffCompletionSchema = z.strictObject({
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(1000),
});
export type StaffCompletionDto = z.infer<typeof staffCompletionSchema>;
