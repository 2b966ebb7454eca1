import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, AuthUser, hasRole } from '@greenlight/auth';
import { Locale } from '@greenlight/common';
import { CatalogReader, itemsForTrack, ModuleSnapshot } from '@greenlight/course';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';
import { QuizAttemptRepository } from '../quizzes/quiz-attempt.repository';
import { CompletionService } from './completion.service';
import { CertificateFact, EnrolmentRecord, EnrolmentRepository } from './enrolment.repository';
import { enrolmentView, EnrolmentView } from './enrolment-view';
import { isRenewable } from './renewal';
import { findTrackItem, positionOf } from './track-items';

export const isStaff = (user: AuthUser) => hasRole(user.role, 'staff');

export const enrolmentNotFound = () =>
  new ProgressException(ProgressExceptionCode.EnrolmentNotFound, 'No such enrolment');

@Injectable()
export class EnrolmentService {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly attempts: QuizAttemptRepository,
    private readonly completion: CompletionService,
    private readonly catalog: CatalogReader,
    private readonly audit: AuditService,
  ) {}

  /**
   * Enrols the member in the module's newest version. Enrolling again returns the current enrolment,
   * unless its certificate is due for renewal (see `isRenewable`): then a renewal starts, on the newest version.
   */
  async enrol(
    user: AuthUser,
    slug: string,
    track: string | undefined,
    locale: Locale,
  ): Promise<{ created: boolean; enrolment: EnrolmentView }> {
    const snapshot = await this.catalog.getLatestPublished(slug);
    if (!snapshot) throw new ProgressException(ProgressExceptionCode.ModuleNotFound, `No module "${slug}"`);
    const existing = await this.enrolments.findByMemberAndModule(user.id, snapshot.moduleId);
    if (existing) {
      const facts = await this.enrolments.certificateFacts([existing.id]);
      if (!isRenewable(existing, facts.get(existing.id))) {
        return { created: false, enrolment: await this.view(existing, locale) };
      }
      const { created, record } = await this.renew(existing, snapshot, track);
      return { created, enrolment: await this.view(record, locale) };
    }
    const { created, record } = await this.enrolMember(user.id, snapshot, track);
    return { created, enrolment: await this.view(record, locale) };
  }

  /**
   * Starts the renewal of a completed enrolment: a new current enrolment naming the one it renews, which
   * stays as history. Decided again under the lock of the current enrolment, so two requests at once
   * start one renewal; the loser gets it, `created: false`. The member keeps their track unless they
   * choose another (or the newest version no longer has it).
   */
  private async renew(
    previous: EnrolmentRecord,
    snapshot: ModuleSnapshot,
    track: string | undefined,
  ): Promise<{ created: boolean; record: EnrolmentRecord }> {
    checkEnrolmentWindow(snapshot);
    const kept = snapshot.tracks.some((t) => t.key === previous.track) ? (previous.track ?? undefined) : undefined;
    const chosenTrack = checkedTrack(snapshot, track ?? kept);
    const items = itemsForTrack(snapshot, chosenTrack);
    const created = await this.enrolments.transaction(async (manager) => {
      const locked = await this.enrolments.lockCurrent(manager, previous.memberId, previous.moduleId);
      if (!locked) return null;
      const facts = await this.enrolments.certificateFacts([locked.id], manager);
      if (!isRenewable(locked, facts.get(locked.id))) return null;
      await this.enrolments.retire(manager, locked.id);
      const row = await this.enrolments.insert(manager, {
        memberId: locked.memberId,
        moduleId: snapshot.moduleId,
        moduleSlug: snapshot.slug,
        version: snapshot.version,
        track: chosenTrack,
        totalItems: items.length,
        position: positionOf(snapshot, chosenTrack, new Set()),
        renewalOf: locked.id,
      });
      if (!row) throw new Error(`Renewal of enrolment ${locked.id} was refused by the database`);
      // The member is back in progress: one completed fewer, one renewal more.
      await this.enrolments.countModule(manager, snapshot.moduleId, { completed: -1, renewals: 1 });
      return row;
    });
    const record = created ?? (await this.enrolments.findByMemberAndModule(previous.memberId, previous.moduleId));
    if (!record) throw enrolmentNotFound();
    return { created: created !== null, record };
  }

  /**
   * Enrols a member (by id) on the snapshot's version: the member's own request, an invitation, a
   * staff invite. Already enrolled: that enrolment, `created: false`.
   */
  async enrolMember(
    memberId: string,
    snapshot: ModuleSnapshot,
    track: string | undefined,
  ): Promise<{ created: boolean; record: EnrolmentRecord }> {
    checkEnrolmentWindow(snapshot);
    const chosenTrack = checkedTrack(snapshot, track);
    const created = await this.enrolments.transaction(async (manager) => {
      const row = await this.enrolments.insert(manager, {
        memberId,
        moduleId: snapshot.moduleId,
        moduleSlug: snapshot.slug,
        version: snapshot.version,
        track: chosenTrack,
        totalItems: itemsForTrack(snapshot, chosenTrack).length,
        position: positionOf(snapshot, chosenTrack, new Set()),
      });
      if (row) await this.enrolments.countModule(manager, snapshot.moduleId, { enrolled: 1 });
      return row;
    });
    // Lost a race with the same member's other request: theirs is the enrolment.
    const record = created ?? (await this.enrolments.findByMemberAndModule(memberId, snapshot.moduleId));
    if (!record) throw enrolmentNotFound();
    return { created: created !== null, record };
  }

  async listMine(user: AuthUser, locale: Locale): Promise<EnrolmentView[]> {
    return this.views(await this.enrolments.listByMember(user.id), locale);
  }

  /** A member's enrolments for staff (the member page), with the rows they were built from. */
  async listOfMember(memberId: string, locale: Locale): Promise<{ record: EnrolmentRecord; view: EnrolmentView }[]> {
    const rows = await this.enrolments.listByMember(memberId);
    const views = await this.views(rows, locale);
    return rows.map((record, n) => ({ record, view: views[n]! }));
  }

  /** The owner and staff see an enrolment; to anyone else it does not exist. */
  async get(user: AuthUser, id: string, locale: Locale): Promise<EnrolmentView> {
    return this.view(await this.readable(user, id), locale);
  }

  async readable(user: AuthUser, id: string): Promise<EnrolmentRecord> {
    return checkReadable(user, await this.enrolments.findById(id));
  }

  /**
   * Only the member works through their own enrolment; staff who can see it are told so, others get 404.
   * The enrolment comes back locked for the rest of the caller's transaction.
   */
  async lockWritable(manager: EntityManager, user: AuthUser, id: string): Promise<EnrolmentRecord> {
    return checkWritable(user, await this.enrolments.lock(manager, id));
  }

  /** A lesson read by the member. Again is fine and changes nothing; quizzes and events have their own routes. */
  async completeLesson(user: AuthUser, id: string, itemId: string, locale: Locale): Promise<EnrolmentView> {
    // The view is built from what the transaction read under the lock: no second round of reads after it.
    const { snapshot, outcome } = await this.enrolments.transaction(async (manager) => {
      const locked = await this.lockWritable(manager, user, id);
      const snapshot = await this.catalog.getVersion(locked.moduleId, locked.version);
      const found = findTrackItem(snapshot, locked.track, itemId);
      if (!found) throw itemNotFound();
      if (found.item.kind !== 'lesson') {
        throw new ProgressException(
          ProgressExceptionCode.WrongItemKind,
          found.item.kind === 'quiz'
            ? 'A quiz is completed by passing it: submit an attempt.'
            : 'A live session is completed when staff record your attendance.',
        );
      }
      return { snapshot, outcome: await this.completion.record(manager, locked, snapshot, itemId, 'self', user.id) };
    });
    return enrolmentView(outcome.enrolment, snapshot, outcome.completed, outcome.standings, locale);
  }

  /** Staff mark any item of a member's track as done ("they did it another way"), with a reason in the audit log. */
  async staffComplete(actor: AuthUser, id: string, itemId: string, reason: string, locale: Locale) {
    const { snapshot, outcome } = await this.enrolments.transaction(async (manager) => {
      const locked = checkReadable(actor, await this.enrolments.lock(manager, id));
      const snapshot = await this.catalog.getVersion(locked.moduleId, locked.version);
      if (!findTrackItem(snapshot, locked.track, itemId)) throw itemNotFound();
      const outcome = await this.completion.record(manager, locked, snapshot, itemId, 'staff', actor.id);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'progress.item_completed_by_staff',
          subjectType: 'enrolment',
          subjectId: id,
          reason,
          details: {
            moduleSlug: locked.moduleSlug,
            memberId: locked.memberId,
            itemId,
            alreadyCompleted: !outcome.recorded,
            moduleCompleted: outcome.moduleCompleted,
          },
        },
        manager,
      );
      return { snapshot, outcome };
    });
    return enrolmentView(outcome.enrolment, snapshot, outcome.completed, outcome.standings, locale);
  }

  async view(enrolment: EnrolmentRecord, locale: Locale): Promise<EnrolmentView> {
    const [view] = await this.views([enrolment], locale);
    return view;
  }

  private async views(rows: EnrolmentRecord[], locale: Locale): Promise<EnrolmentView[]> {
    if (!rows.length) return [];
    const ids = rows.map((row) => row.id);
    const certified = rows.filter((row) => row.current && row.status === 'completed').map((row) => row.id);
    const [completed, standings, facts] = await Promise.all([
      this.enrolments.completedItems(ids),
      this.attempts.standings(ids),
      certified.length ? this.enrolments.certificateFacts(certified) : new Map<string, CertificateFact>(),
    ]);
    const now = new Date();
    return Promise.all(
      rows.map(async (row) =>
        enrolmentView(
          row,
          await this.catalog.getVersion(row.moduleId, row.version),
          completed.get(row.id) ?? new Set(),
          standings.get(row.id) ?? new Map(),
          locale,
          isRenewable(row, facts.get(row.id), now),
        ),
      ),
    );
  }
}

/** The owner and staff see an enrolment; to anyone else it does not exist. */
function checkReadable(user: AuthUser, enrolment: EnrolmentRecord | null): EnrolmentRecord {
  if (!enrolment || (enrolment.memberId !== user.id && !isStaff(user))) throw enrolmentNotFound();
  return enrolment;
}

/** Only the owner writes; staff who can read it are told why not; anyone else sees nothing. */
function checkWritable(user: AuthUser, row: EnrolmentRecord | null): EnrolmentRecord {
  const enrolment = checkReadable(user, row);
  if (enrolment.memberId !== user.id) {
    throw new ProgressException(
      ProgressExceptionCode.OwnerOnly,
      'Only the member completes their own items; staff use staff completion.',
    );
  }
  return enrolment;
}

export const itemNotFound = () =>
  new ProgressException(ProgressExceptionCode.ItemNotFound, 'No such item in this enrolment');

export function checkedTrack(snapshot: ModuleSnapshot, track: string | undefined): string | null {
  const keys = snapshot.tracks.map((t) => t.key);
  if (!keys.length) {
    if (track !== undefined) {
      throw new ProgressException(ProgressExceptionCode.UnknownTrack, 'This module has no tracks', [
        'track: this module has no tracks; leave it out',
      ]);
    }
    return null;
  }
  if (track === undefined) {
    throw new ProgressException(ProgressExceptionCode.TrackRequired, 'Choose a track', [
      `track: required for this module (one of ${keys.join(', ')})`,
    ]);
  }
  if (!keys.includes(track)) {
    throw new ProgressException(ProgressExceptionCode.UnknownTrack, 'No such track', [
      `track: must be one of ${keys.join(', ')}`,
    ]);
  }
  return track;
}

/** New enrolments only between the module's opensAt and closesAt (when set); existing ones carry on. */
export function checkEnrolmentWindow(
  snapshot: { opensAt: string | null; closesAt: string | null },
  now = Date.now(),
): void {
  const day = (iso: string) => new Date(iso).toISOString().slice(0, 10);
  if (snapshot.opensAt && now < Date.parse(snapshot.opensAt)) {
    throw new ProgressException(ProgressExceptionCode.EnrolmentClosed, `Enrolment opens on ${day(snapshot.opensAt)}`);
  }
  if (snapshot.closesAt && now >= Date.parse(snapshot.closesAt)) {
    throw new ProgressException(ProgressExceptionCode.EnrolmentClosed, `Enrolment closed on ${day(snapshot.closesAt)}`);
  }
}
