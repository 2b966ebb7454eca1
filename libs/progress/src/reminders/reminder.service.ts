import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { localize } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CatalogReader, ModuleSnapshot } from '@greenlight/course';
import { MessagesService, reminderTemplate } from '@greenlight/messages';
import { percentOf } from '../enrolments/enrolment-view';
import { EnrolmentRepository } from '../enrolments/enrolment.repository';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';
import type { ReminderDto } from './reminder.dto';
import { RecipientRow, ReminderRepository } from './reminder.repository';

export interface ReminderText {
  subject: { en: string; fr: string };
  body: { en: string; fr: string };
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
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async send(slug: string, request: ReminderDto) {
    const snapshot = await this.snapshot(slug);
    const recipients = await this.reminders.recipients(snapshot.moduleId, request.filter);
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
