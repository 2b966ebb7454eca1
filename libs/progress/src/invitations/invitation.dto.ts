import { z } from 'zod';
import { LOCALES } from '@greenlight/common';
import { text } from '../dto/text';

export const invitationSchema = z.strictObject({
  emails: z.array(text().max(320)).min(1).max(2000),
  /** Required when the module has tracks: the track invitees are enrolled on. */
  track: text().min(1).max(100).optional(),
  /** The invitation email's language for addresses with no account (default en). */
  locale: z.enum(LOCALES).optional(),
});
export type InvitationDto = z.infer<typeof invitationSchema>;
