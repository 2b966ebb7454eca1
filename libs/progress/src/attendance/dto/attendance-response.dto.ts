import { z } from 'zod';

export const attendanceResultResponse = z
  .object({
    recorded: z.int().min(0).meta({ description: 'Members whose attendance this call recorded' }),
    alreadyRecorded: z.int().min(0),
    unknown: z.array(z.string()).meta({ description: 'Emails of no member enrolled in the module' }),
    notInTrack: z.array(z.string()).meta({ description: 'Emails of members whose track does not hold the session' }),
    unverified: z.array(z.string()).meta({ description: 'Emails of accounts that never proved them: not recorded' }),
  })
  .meta({ id: 'AttendanceResult' });
