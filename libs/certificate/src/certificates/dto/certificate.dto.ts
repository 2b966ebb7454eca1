import { z } from 'zod';
import { CERTIFICATE_STATUSES } from '../../issuing/certificate.entity';

export const idParam = z.uuid('must be a UUID');
export const serialParam = z.string().min(1).max(40);
export const langQuery = z.strictObject({ lang: z.string().max(35).optional() });

export const listQuerySchema = z.strictObject({
  module: z.string().min(1).max(100).optional(),
  status: z.enum(CERTIFICATE_STATUSES).optional(),
  memberId: z.uuid().optional(),
  /** Issued certificates that are still valid and expire within this many days, soonest first. */
  expiringWithinDays: z.coerce.number().int().min(0).max(3660).optional(),
  lang: z.string().max(35).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQueryDto = z.infer<typeof listQuerySchema>;

export const transcriptQuerySchema = z.strictObject({
  format: z.enum(['pdf', 'csv']).default('pdf'),
  lang: z.string().max(35).optional(),
});
export type TranscriptQueryDto = z.infer<typeof transcriptQuerySchema>;

export const revokeSchema = z.strictObject({
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(1000),
});
export type RevokeDto = z.infer<typeof revokeSchema>;

export const reissueSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() }).optional();
export type ReissueDto = z.infer<typeof reissueSchema>;
