import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ModuleSnapshot } from '@greenlight/course';
import { OutboxEventType, writeOutboxEvent } from '@greenlight/queue';
import { CompletionSource, EnrolmentRecord, EnrolmentRepository } from './enrolment.repository';
import { findTrackItem } from './track-items';

export interface CompletionOutcome {
  /** False when the item was already completed: nothing changed. */
  recorded: boolean;
  /** True when this item finished the module. */
  moduleCompleted: boolean;
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
    if (!(await this.enrolments.insertCompletion(manager, enrolment.id, itemId, source, recordedBy))) {
      return { recorded: false, moduleCompleted: false };
    }
    const completedItems = await this.enrolments.incrementCompletedItems(manager, enrolment.id);
    const unitItemIds = found.unit.items.map((item) => item.id);
    if ((await this.enrolments.countCompletedAmong(manager, enrolment.id, unitItemIds)) === unitItemIds.length) {
      await this.enrolments.countUnitCompleted(manager, enrolment.moduleId, found.unit.id);
    }
    if (completedItems < enrolment.totalItems || enrolment.status !== 'in_progress') {
      return { recorded: true, moduleCompleted: false };
    }
    const completedAt = await this.enrolments.markCompleted(manager, enrolment.id);
    if (!completedAt) return { recorded: true, moduleCompleted: false };
    await this.enrolments.countModule(manager, enrolment.moduleId, { completed: 1 });
    if (snapshot.certificate.enabled) {
      await writeOutboxEvent(manager, OutboxEventType.ModuleCompleted, {
        enrolmentId: enrolment.id,
        memberId: enrolment.memberId,
        moduleId: enrolment.moduleId,
        moduleSlug: enrolment.moduleSlug,
        moduleVersion: enrolment.version,
        track: enrolment.track,
        completedAt: new Date(completedAt).toISOString(),
      });
    }
    return { recorded: true, moduleCompleted: true };
  }
}
