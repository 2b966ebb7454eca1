import { z } from 'zod';
import { text } from '../../dto/text';

export const slugParam = text().min(1).max(100);
export const idParam = z.uuid('must be a UUID');
export const langQuery = z.strictObject({ lang: text().max(35).optional() });

export const enrolSchema = z.strictObject({ track: text().min(1).max(100).optional() });
export type EnrolDto = z.infer<typeof enrolSchema>;

export const staffCompletionSchema = z.strictObject({
  reason: text().trim().min(3, 'say why (at least 3 characters)').max(1000),
});
export type StaffCompletionDto = z.infer<typeof staffCompletionSchema>;
