import { z } from 'zod';
import { text } from '../../dto/text';

export const MAX_ATTENDEES = 5000;

export const attendanceSchema = z.strictObject({
  emails: z.array(text().trim().max(254)).min(1, 'list at least one email').max(MAX_ATTENDEES),
});
export type AttendanceDto = z.infer<typeof attendanceSchema>;
