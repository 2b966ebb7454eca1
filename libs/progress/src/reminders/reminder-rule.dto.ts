import { z } from 'zod';
import { text } from '../dto/text';
import { bilingual } from './reminder.dto';

export const REMINDER_RULE_KINDS = ['inactive', 'before-close', 'before-event', 'before-expiry'] as const;
export type ReminderRuleKind = (typeof REMINDER_RULE_KINDS)[number];

export const reminderRuleSchema = z
  .strictObject({
    key: text()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    kind: z.enum(REMINDER_RULE_KINDS),
    days: z.number().int().min(0).max(3650),
    subject: bilingual(200),
    body: bilingual(10_000),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    // "0 days before" would be a window of no time at all: such a rule would never send anything.
    if (rule.kind !== 'inactive' && rule.days < 1) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: `a ${rule.kind} rule needs at least 1 day` });
    }
  });

export const reminderRulesSchema = z
  .array(reminderRuleSchema)
  .max(50)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.key))
        ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `"${rule.key}" is used twice` });
      seen.add(rule.key);
    });
  });

export type ReminderRuleDto = z.infer<typeof reminderRuleSchema>;
