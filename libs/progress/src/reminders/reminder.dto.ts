import { z } from 'zod';
import { unknownPlaceholders } from '@greenlight/messages';
import { text } from '../dto/text';

const written = (max: number) =>
  text()
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      const unknown = unknownPlaceholders(value);
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')}: use {{name}}, {{module}}, {{link}} or {{percent}}`,
        });
      }
    });

export const bilingual = (max: number) => z.strictObject({ en: written(max), fr: written(max) });

export const reminderSchema = z.strictObject({
  filter: z
    .strictObject({
      status: z.enum(['in_progress', 'completed']).optional(),
      track: text().min(1).max(100).optional(),
      inactiveDays: z.number().int().min(0).max(3650).optional(),
      memberIds: z.array(z.uuid('must be a UUID')).min(1).max(5000).optional(),
    })
    .default({}),
  subject: bilingual(200),
  body: bilingual(10_000),
  dryRun: z.boolean().optional(),
});
export type ReminderDto = z.infer<typeof reminderSchema>;
