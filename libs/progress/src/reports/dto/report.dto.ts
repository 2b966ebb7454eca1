import { z } from 'zod';
import { text } from '../../dto/text';

export const membersQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
  status: z.enum(['in_progress', 'completed']).optional(),
  track: text().min(1).max(100).optional(),
  /** Part of a member's name or email, any case. */
  query: text().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  lang: text().max(35).optional(),
});
export type MembersQuery = z.infer<typeof membersQuerySchema>;
