import { LOCALES, uuid } from '@greenlight/common';
import { z } from 'zod';
import { REMINDER_RULE_KINDS } from './reminder-rule.dto';

const bilingualText = z.object({ en: z.string(), fr: z.string() });

export const reminderRuleResponse = z
  .object({
    key: z.string(),
    kind: z.enum(REMINDER_RULE_KINDS),
    days: z.int().min(0),
    subject: bilingualText,
    body: bilingualText.meta({ description: 'placeholders {{name}} {{module}} {{link}} {{percent}}' }),
    enabled: z.boolean(),
  })
  .meta({ id: 'ReminderRule' });

export const reminderRecipientsResponse = z
  .object({
    recipients: z.array(z.object({ id: uuid(), email: z.string(), name: z.string(), locale: z.enum(LOCALES) })),
  })
  .meta({ id: 'ReminderRecipients' });

export const remindersQueuedResponse = z
  .object({
    queued: z.int().min(0),
    skipped: z
      .array(z.object({ email: z.string(), reason: z.string().meta({ example: 'unsubscribed' }) }))
      .meta({ description: 'unsubscribed, or already-sent: the same text to the same member the same day goes once' }),
  })
  .meta({ id: 'RemindersQueued' });
