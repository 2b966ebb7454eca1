import { z } from 'zod';

const checks = z
  .record(z.string(), z.enum(['up', 'down']))
  .meta({ example: { database: 'up', redis: 'up' }, description: 'Each dependency, up or down' });

export const healthResponse = z
  .object({
    status: z.literal('ok'),
    checks,
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'Where a service adds them, e.g. certificateBacklog:{waiting, overdue}' }),
  })
  .meta({ id: 'Health' });

export const healthFailureResponse = z.object({ status: z.literal('error'), checks }).meta({ id: 'HealthFailure' });
