import { Injectable } from '@nestjs/common';
import { AuditService, AuthUser, UsersRepository } from '@greenlight/auth';
import { Locale, localize } from '@greenlight/common';
import { CatalogReader, itemsForTrack } from '@greenlight/course';
import { MessagesService } from '@greenlight/messages';
import { CompletionService } from '../enrolments/completion.service';
import { EnrolmentRecord, EnrolmentRepository } from '../enrolments/enrolment.repository';
import { checkedTrack, EnrolmentService, enrolmentNotFound, itemNotFound } from '../enrolments/enrolment.service';
import { findTrackItem, positionOf } from '../enrolments/track-items';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';
import { MemberRepository } from './member.repository';

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null);

/** One member, whole, for staff: every enrolment item by item, attempts, certificates, messages and audit. */
@Injectable()
export class MemberService {
  constructor(
    private readonly users: UsersRepository,
    private readonly enrolmentService: EnrolmentService,
    private readonly enrolments: EnrolmentRepository,
    private readonly members: MemberRepository,
    private readonly completion: CompletionService,
    private readonly catalog: CatalogReader,
    private readonly messages: MessagesService,
    private readonly audit: AuditService,
  ) {}

  async get(id: string, locale: Locale) {
    const user = await this.users.findContact(id);
    if (!user) throw new ProgressException(ProgressExceptionCode.MemberNotFound, 'No such member');
    const enrolled = await this.enrolmentService.listOfMember(id, locale);
    const ids = enrolled.map((e) => e.record.id);
    const [completions, attempts, extras, certificates, messages, unsubscribedAt, audits] = await Promise.all([
      this.members.completions(ids),
      this.members.attempts(ids),
      this.members.extraAttempts(ids),
      this.members.certificates(ids),
      this.messages.listForUser(id),
      this.messages.unsubscribedAt(id),
      Promise.all([id, ...ids].map((subjectId) => this.audit.list({ subjectId, page: 1, pageSize: 100 }))),
    ]);
    const enrolments = await Promise.all(
      enrolled.map(async ({ record, view }) => {
        const snapshot = await this.catalog.getVersion(record.moduleId, record.version);
        const current = record.currentItemId ? findTrackItem(snapshot, record.track, record.currentItemId) : null;
        const mine = <T extends { enrolmentId: string }>(rows: T[]) => rows.filter((r) => r.enrolmentId === record.id);
        const done = new Map(mine(completions).map((c) => [c.itemId, c]));
        return {
          ...view,
          lastActivityAt: iso(record.lastActivityAt),
          currentItem: current
            ? { id: current.item.id, key: current.item.key, title: localize(current.item.title, locale) }
            : null,
          tracks: snapshot.tracks.map((t) => ({ key: t.key, title: localize(t.title, locale) })),
          units: view.units.map((unit) => ({
            ...unit,
            items: unit.items.map((item) => ({
              ...item,
              completedAt: iso(done.get(item.id)?.completedAt),
              source: done.get(item.id)?.source ?? null,
              ...(item.kind === 'quiz'
                ? {
                    attempts: mine(attempts)
                      .filter((a) => a.itemId === item.id)
                      .map((a) => ({ number: a.number, score: a.score, passed: a.passed, at: iso(a.createdAt) })),
                    extraAttempts: mine(extras)
                      .filter((x) => x.itemId === item.id)
                      .map((x) => ({ reason: x.reason, grantedAt: iso(x.grantedAt) })),
                  }
                : {}),
            })),
          })),
          attendance: view.units
            .flatMap((unit) => unit.items)
            .filter((item) => item.kind === 'event')
            .map((item) => ({
              itemId: item.id,
              title: item.title,
              attended: done.get(item.id)?.source === 'attendance' || done.get(item.id)?.source === 'staff',
              recordedAt: iso(done.get(item.id)?.completedAt),
            })),
        };
      }),
    );
    const moduleOf = new Map(enrolled.map((e) => [e.record.id, e.view.module]));
    return {
      user: { id: user.id, email: user.email, name: user.name, locale: user.locale, emailVerified: user.emailVerified },
      unsubscribedAt: iso(unsubscribedAt),
      enrolments,
      certificates: certificates.map((c) => ({
        id: c.certificateId,
        serial: c.serial,
        status: c.status,
        enrolmentId: c.enrolmentId,
        module: { slug: moduleOf.get(c.enrolmentId)?.slug, title: moduleOf.get(c.enrolmentId)?.title },
        changedAt: iso(c.changedAt),
      })),
      messages: messages.map((m) => ({
        kind: m.kind,
        subject: m.subject,
        moduleSlug: m.moduleSlug,
        status: m.status,
        createdAt: iso(m.createdAt),
        sentAt: iso(m.sentAt),
      })),
      audit: audits
        .flatMap((page) => page.items)
        .sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))
        .map((entry) => ({
          action: entry.action,
          actorId: entry.actorId,
          subjectId: entry.subjectId,
          reason: entry.reason,
          details: entry.details,
          createdAt: iso(entry.createdAt),
        })),
    };
  }

  /** One more attempt at a quiz the member has used up (or failed), with the reason in the audit log. */
  async grantAttempt(actor: AuthUser, enrolmentId: string, itemId: string, reason: string) {
    await this.enrolments.transaction(async (manager) => {
      const locked = await this.lockForStaff(manager, enrolmentId);
      const snapshot = await this.catalog.getVersion(locked.moduleId, locked.version);
      const found = findTrackItem(snapshot, locked.track, itemId);
      if (!found) throw itemNotFound();
      if (found.item.kind !== 'quiz') {
        throw new ProgressException(ProgressExceptionCode.WrongItemKind, 'Only a quiz takes attempts');
      }
      await this.members.grantAttempt(manager, { enrolmentId, itemId, grantedBy: actor.id, reason });
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'progress.quiz_attempt_granted',
          subjectType: 'enrolment',
          subjectId: enrolmentId,
          reason,
          details: { moduleSlug: locked.moduleSlug, memberId: locked.memberId, itemId },
        },
        manager,
      );
    });
    return { granted: 1 };
  }

  /**
   * Moves a member to another track of the same version: completions of items both tracks share still
   * count, the counters are recomputed, and a track change that leaves nothing to do completes the module.
   */
  async changeTrack(actor: AuthUser, enrolmentId: string, track: string, reason: string, locale: Locale) {
    await this.enrolments.transaction(async (manager) => {
      const locked = await this.lockForStaff(manager, enrolmentId);
      if (locked.status === 'completed') {
        throw new ProgressException(ProgressExceptionCode.EnrolmentCompleted, 'A completed enrolment keeps its track');
      }
      const snapshot = await this.catalog.getVersion(locked.moduleId, locked.version);
      const chosen = checkedTrack(snapshot, track)!;
      const items = itemsForTrack(snapshot, chosen);
      // Completions of items both tracks share still count: one read of what is done serves both figures.
      const done = (await this.enrolments.completedItems([enrolmentId], manager)).get(enrolmentId) ?? new Set();
      const completedItems = items.filter((item) => done.has(item.id)).length;
      await this.members.setTrack(manager, enrolmentId, {
        track: chosen,
        totalItems: items.length,
        completedItems,
        position: positionOf(snapshot, chosen, done),
      });
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'progress.track_changed',
          subjectType: 'enrolment',
          subjectId: enrolmentId,
          reason,
          details: { moduleSlug: locked.moduleSlug, memberId: locked.memberId, from: locked.track, to: chosen },
        },
        manager,
      );
      await this.completion.finishIfComplete(
        manager,
        { ...locked, track: chosen, totalItems: items.length, completedItems },
        snapshot,
      );
    });
    return this.enrolmentService.get(actor, enrolmentId, locale);
  }

  private async lockForStaff(
    manager: Parameters<EnrolmentRepository['lock']>[0],
    id: string,
  ): Promise<EnrolmentRecord> {
    const locked = await this.enrolments.lock(manager, id);
    if (!locked) throw enrolmentNotFound();
    return locked;
  }
}
