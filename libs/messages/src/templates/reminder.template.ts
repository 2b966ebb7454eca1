import { fillPlaceholders, MessageTemplate, Placeholder } from './template';

export interface ReminderVars {
  /** What staff wrote for this language, with {{name}}, {{module}}, {{link}} and {{percent}}. */
  subject: string;
  body: string;
  values: Record<Placeholder, string>;
  unsubscribeUrl: string;
}

/** A staff-written reminder, filled in for one member, with the footer every reminder carries. */
export const reminderTemplate: MessageTemplate<ReminderVars> = {
  en: ({ subject, body, values, unsubscribeUrl }) => ({
    subject: fillPlaceholders(subject, values),
    text: `${fillPlaceholders(body, values)}\n\n--\nYou get this reminder because you are enrolled in ${values.module}.\nTo stop reminders: ${unsubscribeUrl}\n`,
  }),
  fr: ({ subject, body, values, unsubscribeUrl }) => ({
    subject: fillPlaceholders(subject, values),
    text: `${fillPlaceholders(body, values)}\n\n--\nVous recevez ce rappel parce que vous êtes inscrit·e à ${values.module}.\nPour ne plus recevoir de rappels : ${unsubscribeUrl}\n`,
  }),
};
