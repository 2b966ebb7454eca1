import { z } from 'zod';

export const MAX_ATTENDEES = 5000;

export const attendanceSchema = z.strictObject({
  emails: z.array(z.string().trim().max(254)).min(1, 'list at least one email').max(MAX_ATTENDEES),
});
export type AttendanceDto = z.infer<typeof attendanceSchema>;
