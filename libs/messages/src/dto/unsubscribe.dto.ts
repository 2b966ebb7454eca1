import { timestamp } from '@greenlight/common';
import { z } from 'zod';

export const unsubscribeStatusResponse = z
  .object({
    unsubscribed: z.boolean().meta({ description: 'true once the member opted out of reminders' }),
    unsubscribedAt: timestamp().nullable(),
  })
  .meta({ id: 'UnsubscribeStatus' });
export type UnsubscribeStatusDto = z.infer<typeof unsubscribeStatusResponse>;
