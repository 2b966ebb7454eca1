import { Injectable } from '@nestjs/common';
import { AuditService, AuthUser, UsersRepository } from '@greenlight/auth';
import { CatalogReader, ModuleSnapshot } from '@greenlight/course';
import { CompletionService } from '../enrolments/completion.service';
import { EnrolmentRepository } from '../enrolments/enrolment.repository';
import { findTrackItem } from '../enrolments/track-items';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';

export interface AttendanceResult {
  /** Members whose attendance this call recorded. */
  recorded: number;
  /** Listed members whose attendance was already on record (recording twice changes nothing). */
  alreadyRecorded: number;
  /** Emails of nobody enrolled in the module. */
  unknown: string[];
  /** Enrolled members whose track (or version) does not include this session. */
  notInTrack: string[];
  /** Emails of accounts that never proved them: not recorded, since anyone can sign up with any address. */
  unverified: string[];
}

@Injectable()
export class AttendanceService {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly completion: CompletionService,
    private readonly catalog: CatalogReader,
    private readonly audit: AuditService,
    private readonly users: UsersRepository,
  ) {}

  /**
   * Records attendance at a live session for the members with these emails, in one transaction
   * (completing modules where it was the last item), and audits who recorded it. Unknown emails are
   * reported, not fatal.
   */
  async record(actor: AuthUser, slug: string, itemId: string, rawEmails: string[]): Promise<AttendanceResult> {
    const latest = await this.catalog.getLatestPublished(slug);
    if (!latest) throw new ProgressException(ProgressExceptionCode.ModuleNotFound, `No module "${slug}"`);
    const item = latest.units.flatMap((unit) => unit.items).find((candidate) => candidate.id === itemId);
    if (!item) throw new ProgressException(ProgressExceptionCode.ItemNotFound, 'No such item in this module');
    if (item.kind !== 'event') {
      throw new ProgressException(ProgressExceptionCode.WrongItemKind, 'Attendance is recorded for live sessions only');
    }
    const emails = [...new Set(rawEmails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
    const accounts = await this.users.byEmails(emails);
    // An attendance list names people by their address; only its proven owner is credited with it.
    const unverified = accounts.filter((user) => !user.emailVerified).map((user) => user.email);
    const members = new Map(accounts.filter((user) => user.emailVerified).map((user) => [user.id, user.email]));
    const found = await this.enrolments.findInModuleByMembers(latest.moduleId, [...members.keys()]);
    const emailOf = new Map(found.map((e) => [e.id, members.get(e.memberId)!]));
    const enrolledEmails = new Set(emailOf.values());
    const snapshots = new Map<number, ModuleSnapshot>();
    for (const version of new Set(found.map((e) => e.version))) {
      snapshots.set(version, await this.catalog.getVersion(latest.moduleId, version));
    }

    const result: AttendanceResult = {
      recorded: 0,
      alreadyRecorded: 0,
      unknown: emails.filter((email) => !enrolledEmails.has(email) && !unverified.includes(email)),
      notInTrack: [],
      unverified: unverified.sort(),
    };
    const recordedEmails: string[] = [];
    await this.enrolments.transaction(async (manager) => {
      for (const enrolment of await this.enrolments.lockMany(manager, [...emailOf.keys()])) {
        const snapshot = snapshots.get(enrolment.version)!;
        const email = emailOf.get(enrolment.id)!;
        if (!findTrackItem(snapshot, enrolment.track, itemId)) {
          result.notInTrack.push(email);
          continue;
        }
        const outcome = await this.completion.record(manager, enrolment, snapshot, itemId, 'attendance', actor.id);
        if (outcome.recorded) {
          result.recorded += 1;
          recordedEmails.push(email);
        } else {
          result.alreadyRecorded += 1;
        }
      }
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'progress.attendance_recorded',
          subjectType: 'module_item',
          subjectId: itemId,
          details: {
            moduleSlug: slug,
            itemKey: item.key,
            recorded: recordedEmails,
            alreadyRecorded: result.alreadyRecorded,
            unknown: result.unknown,
            notInTrack: result.notInTrack,
            unverified: result.unverified,
          },
        },
        manager,
      );
    });
    result.notInTrack.sort();
    return result;
  }
}
