import { timestamp, uuid } from '@greenlight/common';
import { z } from 'zod';

export const invitationOutcomeResponse = z
  .object({
    enrolled: z.array(z.string()),
    invited: z.array(z.string()),
    alreadyEnrolled: z.array(z.string()),
    invalid: z.array(z.string()),
  })
  .meta({ id: 'InvitationOutcome' });

export const invitationResponse = z
  .object({
    email: z.string(),
    status: z.enum(['invited', 'enrolled']),
    track: z.string().nullable(),
    invitedAt: timestamp(),
    enrolledAt: timestamp().nullable(),
    memberId: uuid().nullable(),
  })
  .meta({ id: 'Invitation' });

export const invitationListResponse = z.object({ items: z.array(invitationResponse) }).meta({ id: 'InvitationList' });
