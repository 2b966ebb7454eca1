import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { UserContact, UsersRepository } from '@greenlight/auth';
import { type Locale, localize } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CatalogReader, ModuleSnapshot } from '@greenlight/course';
import { MessagesService, reminderTemplate } from '@greenlight/messages';
import { percentOf } from '../enrolments/enrolment-view';
import { EnrolmentRepository } from '../enrolments/enrolment.repository';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';
import type { ReminderDto } from './reminder.dto';
import { EnrolmentRecipientRow, ReminderRepository } from './reminder.repository';

/** A recipient with the contact the auth lib holds for them. */
export type Addressed<R extends EnrolmentRecipientRow> = R & Omit<UserContact, 'id'>;
export type RecipientRow = Addressed<EnrolmentRecipientRow>;

/**
 * Ids per read of contacts: one indexed `= ANY` read each, a bounded parameter (measured at 100,000
 * recipients: 20,000 a read ≈ 0.55 s in all, 1,000 a read ≈ 1.5–2.8 s).
 */
const CONTACT_BATCH = 20_000;
/** By name in code-point order, as the database's C.UTF-8 collation sorted them (ties by id). */
const byName = (a: { name: string; memberId: string }, b: { name: string; memberId: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;

export interface ReminderText {
  subject: Record<Locale, string>;
  body: Record<Locale, string>;
}

/**
 * Progress decides who gets a reminder (it owns activity); the messages lib writes it in each member's
 * language with their unsubscribe link and sends it once per dedupe key (member and occasion).
 */
@Injectable()
export class ReminderService {
  constructor(
    private readonly reminders: ReminderRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly catalog: CatalogReader,
    private readonly messages: MessagesService,
    private readonly users: UsersRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async send(slug: string, request: ReminderDto) {
    const snapshot = await this.snapshot(slug);
    const recipients = await this.addressed(await this.reminders.recipients(snapshot.moduleId, request.filter));
    if (request.dryRun) {
      return {
        recipients: recipients.map((r) => ({ id: r.memberId, email: r.email, name: r.name, locale: r.locale })),
      };
    }
    // The same text to the same module on the same day is one occasion: a repeated request sends nothing new.
    const occasion = createHash('sha256')
      .update(JSON.stringify([snapshot.moduleId, request.subject, request.body, new Date().toISOString().slice(0, 10)]))
      .digest('hex')
      .slice(0, 16);
    return this.deliver(snapshot, recipients, request, (r) => `reminder-${occasion}-${r.memberId}`);
  }

  /**
   * Adds each recipient's name, email and language from the auth lib's port (docs/progress.md, "Reading
   * members"), in order of name; a member the auth lib no longer has is left out.
   */
  async addressed<R extends EnrolmentRecipientRow>(rows: R[]): Promise<Addressed<R>[]> {
    const addressed: Addressed<R>[] = [];
    for (let start = 0; start < rows.length; start += CONTACT_BATCH) {
      const batch = rows.slice(start, start + CONTACT_BATCH);
      const contacts = await this.users.contactsOf(batch.map((row) => row.memberId));
      for (const row of batch) {
        const contact = contacts.get(row.memberId);
        if (contact) addressed.push({ ...row, email: contact.email, name: contact.name, locale: contact.locale });
      }
    }
    return addressed.sort(byName);
  }

  /**
   * Writes one reminder per recipient (skipping the unsubscribed and those already sent this occasion),
   * `REMINDER_BATCH_SIZE` recipients per transaction: a run killed midway keeps what it committed, and
   * the dedupe keys let the next run write only the rest.
   */
  async deliver<R extends RecipientRow>(
    snapshot: ModuleSnapshot,
    recipients: R[],
    text: ReminderText,
    dedupeKeyOf: (recipient: R) => string,
  ): Promise<{ queued: number; skipped: { email: string; reason: string }[] }> {
    let queued = 0;
    const skipped: { email: string; reason: string }[] = [];
    for (let start = 0; start < recipients.length; start += this.config.REMINDER_BATCH_SIZE) {
      const batch = recipients.slice(start, start + this.config.REMINDER_BATCH_SIZE);
      const unsubscribed = await this.messages.unsubscribed(batch.map((r) => r.memberId));
      const sent = await this.messages.alreadyWritten(batch.map(dedupeKeyOf));
      const due = batch.filter((r) => {
        const reason = unsubscribed.has(r.memberId) ? 'unsubscribed' : sent.has(dedupeKeyOf(r)) ? 'already-sent' : null;
        if (reason) skipped.push({ email: r.email, reason });
        return !reason;
      });
      if (!due.length) continue;
      await this.enrolments.transaction(async (manager) => {
        for (const recipient of due) {
          const written = await this.messages.send(this.compose(snapshot, recipient, text, dedupeKeyOf(recipient)), {
            sql: manager,
          });
          if (written.created) queued += 1;
          else skipped.push({ email: recipient.email, reason: 'already-sent' });
        }
      });
    }
    return { queued, skipped };
  }

  private compose(snapshot: ModuleSnapshot, recipient: RecipientRow, text: ReminderText, dedupeKey: string) {
    const composed = reminderTemplate[recipient.locale]({
      subject: text.subject[recipient.locale],
      body: text.body[recipient.locale],
      values: {
        name: recipient.name,
        module: localize(snapshot.title, recipient.locale),
        link: new URL(`/learn/${recipient.enrolmentId}`, this.config.PUBLIC_URL).toString(),
        percent: `${percentOf(recipient.completedItems, recipient.totalItems, recipient.status === 'completed')}%`,
      },
      unsubscribeUrl: this.messages.unsubscribeUrl(recipient.memberId, recipient.locale),
    });
    return {
      kind: 'reminder',
      to: recipient.email,
      locale: recipient.locale,
      ...composed,
      dedupeKey,
      userId: recipient.memberId,
      moduleSlug: snapshot.slug,
      unsubscribable: true,
    };
  }

  private async snapshot(slug: string): Promise<ModuleSnapshot> {
    const snapshot = await this.catalog.getLatestPublished(slug);
    if (!snapshot) throw new ProgressException(ProgressExceptionCode.ModuleNotFound, `No module "${slug}"`);
    return snapshot;
  }
}
