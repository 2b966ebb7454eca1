import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ModuleSnapshot } from '@greenlight/course';
import { OutboxEventType, writeOutboxEvent } from '@greenlight/queue';
import { CompletionSource, EnrolmentRecord, EnrolmentRepository } from './enrolment.repository';
import type { QuizStanding } from '../quizzes/quiz-standing';
import { findTrackItem, trackOrder } from './track-items';

export interface CompletionOutcome {
  /** False when the item was already completed: nothing changed. */
  recorded: boolean;
  /** True when this item finished the module. */
  moduleCompleted: boolean;
  /** The enrolment as it now stands (counter, status, completion moment). */
  enrolment: EnrolmentRecord;
  /** Every item the enrolment has completed, this one included. */
  completed: Set<string>;
  /** The enrolment's standing on each quiz it attempted. */
  standings: Map<string, QuizStanding>;
}

/**
 * Records one item as done inside the caller's transaction, on an enrolment the caller has locked
 * (FOR UPDATE), and decides there whether the module is now complete. Because every change to an
 * enrolment holds that lock, concurrent requests see each other's work: the module is completed once,
 * its moment is set once, and at most one `module.completed` event is written.
 */
@Injectable()
export class CompletionService {
  constructor(private readonly enrolments: EnrolmentRepository) {}

  async record(
    manager: EntityManager,
    enrolment: EnrolmentRecord,
    snapshot: ModuleSnapshot,
    itemId: string,
    source: CompletionSource,
    recordedBy: string | null,
  ): Promise<CompletionOutcome> {
    const found = findTrackItem(snapshot, enrolment.track, itemId);
    if (!found) throw new Error(`Item ${itemId} is not part of enrolment ${enrolment.id}'s track`);
    const { inserted, completedItems, completed, standings } = await this.enrolments.recordItem(
      manager,
      enrolment.id,
      itemId,
      source,
      recordedBy,
      trackOrder(snapshot, enrolment.track),
    );
    const outcome = { recorded: inserted, moduleCompleted: false, enrolment, completed, standings };
    if (!inserted || completedItems === null) return outcome;
    outcome.enrolment = { ...enrolment, completedItems };
    if (found.unit.items.every((item) => completed.has(item.id))) {
      await this.enrolments.countUnitCompleted(manager, enrolment.moduleId, found.unit.id);
    }
    const finished = await this.finishIfComplete(manager, outcome.enrolment, snapshot);
    return finished ? { ...outcome, enrolment: finished, moduleCompleted: true } : outcome;
  }

  /**
   * Completes the module when every item of the track is done (after an item, or a track change that
   * left nothing to do): the moment once, the counter, and the `module.completed` event. Null when not.
   */
  async finishIfComplete(
    manager: EntityManager,
    enrolment: EnrolmentRecord,
    snapshot: ModuleSnapshot,
  ): Promise<EnrolmentRecord | null> {
    if (enrolment.completedItems < enrolment.totalItems || enrolment.status !== 'in_progress') return null;
    const completedAt = await this.enrolments.markCompleted(manager, enrolment.id);
    if (!completedAt) return null;
    await this.enrolments.countModule(manager, enrolment.moduleId, {
      completed: 1,
      renewalsCompleted: enrolment.renewalOf ? 1 : 0,
    });
    if (snapshot.certificate.enabled) {
      await writeOutboxEvent(manager, OutboxEventType.ModuleCompleted, {
        enrolmentId: enrolment.id,
        memberId: enrolment.memberId,
        moduleId: enrolment.moduleId,
        moduleSlug: enrolment.moduleSlug,
        moduleVersion: enrolment.version,
        track: enrolment.track,
        completedAt: new Date(completedAt).toISOString(),
        // The certificate service supersedes the renewed enrolment's certificate with this one's.
        ...(enrolment.renewalOf ? { renewalOf: enrolment.renewalOf } : {}),
      });
    }
    return { ...enrolment, status: 'completed', completedAt };
  }
}
