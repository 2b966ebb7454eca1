import { z } from 'zod';
import { type Locale, LOCALES } from '@greenlight/common';
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

/** A text in every language of LOCALES, each required: a reminder reaches members in theirs. */
export const bilingual = (max: number) =>
  z.strictObject(
    Object.fromEntries(LOCALES.map((locale) => [locale, written(max)])) as Record<Locale, ReturnType<typeof written>>,
  );

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
