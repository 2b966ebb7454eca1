import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery, rowsOf } from '@greenlight/database';
import type { QuizStanding } from '../quizzes/quiz-standing';
import { RECORD_ITEM_SQL } from '../progress-writes.sql';
import type { Position } from './track-items';

export type EnrolmentStatus = 'in_progress' | 'completed';
export type CompletionSource = 'self' | 'quiz' | 'attendance' | 'staff';

export interface EnrolmentRecord {
  id: string;
  memberId: string;
  moduleId: string;
  moduleSlug: string;
  version: number;
  track: string | null;
  status: EnrolmentStatus;
  completedItems: number;
  totalItems: number;
  enrolledAt: Date;
  completedAt: Date | null;
  lastActivityAt: Date;
  currentItemId: string | null;
  /** False once the enrolment has been renewed: the member's current one is its renewal. */
  current: boolean;
  /** The enrolment this one renews; null for a first enrolment. */
  renewalOf: string | null;
}

/** What progress was told of the certificate an enrolment holds. */
export interface CertificateFact {
  status: 'issued' | 'revoked' | 'superseded';
  validUntil: Date | null;
}

/** What recording one item did, and where the enrolment stands afterwards. */
export interface RecordedItem {
  /** False when the item was already completed: nothing was written. */
  inserted: boolean;
  /** The completed-item counter after the insert; null when nothing was inserted. */
  completedItems: number | null;
  /** Every item the enrolment has completed, this one included. */
  completed: Set<string>;
  /** The enrolment's standing on each quiz it attempted. */
  standings: Map<string, QuizStanding>;
}

export interface NewEnrolment {
  memberId: string;
  moduleId: string;
  moduleSlug: string;
  version: number;
  track: string | null;
  totalItems: number;
  /** The first item of the track and its unit: where a new member starts. */
  position: Position;
  renewalOf?: string;
}

const FIELDS: [string, string][] = [
  ['id', 'id'],
  ['member_id', 'memberId'],
  ['module_id', 'moduleId'],
  ['module_slug', 'moduleSlug'],
  ['version', 'version'],
  ['track', 'track'],
  ['status', 'status'],
  ['completed_items', 'completedItems'],
  ['total_items', 'totalItems'],
  ['enrolled_at', 'enrolledAt'],
  ['completed_at', 'completedAt'],
  ['last_activity_at', 'lastActivityAt'],
  ['current_item_id', 'currentItemId'],
  ['current', 'current'],
  ['renewal_of', 'renewalOf'],
];

const COLUMNS = FIELDS.map(([column, field]) => `${column} AS "${field}"`).join(', ');

/** Counters are spread over a few rows per module so concurrent writers do not queue on one hot row. */
const COUNTER_SLOTS = 8;
const slot = () => Math.floor(Math.random() * COUNTER_SLOTS);

/** Enrolments, item completions and the counters reports read. Every write takes the caller's transaction. */
@Injectable()
export class EnrolmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * The new enrolment, or null when the member already has a current one in the module (or, for a
   * renewal, when that enrolment was renewed already).
   */
  async insert(manager: EntityManager, e: NewEnrolment): Promise<EnrolmentRecord | null> {
    const [row] = await rowsOf<EnrolmentRecord>(
      manager,
      `INSERT INTO progress.enrolments
         (member_id, module_id, module_slug, version, track, total_items, current_item_id, current_unit_id, renewal_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        e.memberId,
        e.moduleId,
        e.moduleSlug,
        e.version,
        e.track,
        e.totalItems,
        e.position.itemId,
        e.position.unitId,
        e.renewalOf ?? null,
      ],
    );
    return row ?? null;
  }

  /** The member's current enrolment in the module. */
  async findByMemberAndModule(memberId: string, moduleId: string): Promise<EnrolmentRecord | null> {
    const [row] = await rowsOf<EnrolmentRecord>(
      this.manager,
      `SELECT ${COLUMNS} FROM progress.enrolments WHERE member_id = $1 AND module_id = $2 AND current`,
      [memberId, moduleId],
    );
    return row ?? null;
  }

  /** The member's current enrolment in the module, held until the transaction ends. */
  async lockCurrent(manager: EntityManager, memberId: string, moduleId: string): Promise<EnrolmentRecord | null> {
    const [row] = await rowsOf<EnrolmentRecord>(
      manager,
      `SELECT ${COLUMNS} FROM progress.enrolments WHERE member_id = $1 AND module_id = $2 AND current FOR UPDATE`,
      [memberId, moduleId],
    );
    return row ?? null;
  }

  /** The enrolment is renewed: it stays, completed, as history, and its renewal becomes current. */
  async retire(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE progress.enrolments SET current = false WHERE id = $1`, [id]);
  }

  /** What progress holds of each enrolment's certificate (enrolments without one are absent). */
  async certificateFacts(
    enrolmentIds: string[],
    manager: EntityManager = this.manager,
  ): Promise<Map<string, CertificateFact>> {
    const rows = await rowsOf<{ enrolmentId: string } & CertificateFact>(
      manager,
      `SELECT enrolment_id AS "enrolmentId", status, valid_until AS "validUntil"
         FROM progress.enrolment_certificates WHERE enrolment_id = ANY($1::uuid[])`,
      [enrolmentIds],
    );
    return new Map(rows.map(({ enrolmentId, ...fact }) => [enrolmentId, fact]));
  }

  async findById(id: string, manager: EntityManager = this.manager): Promise<EnrolmentRecord | null> {
    const [row] = await rowsOf<EnrolmentRecord>(manager, `SELECT ${COLUMNS} FROM progress.enrolments WHERE id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  /** Reads the enrolment and holds it until the transaction ends: every change to one enrolment is serialised. */
  async lock(manager: EntityManager, id: string): Promise<EnrolmentRecord | null> {
    const [row] = await preparedQuery<EnrolmentRecord>(
      manager,
      `SELECT ${COLUMNS} FROM progress.enrolments WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  /** Locks in id order, so two batches over the same members cannot deadlock. */
  lockMany(manager: EntityManager, ids: string[]): Promise<EnrolmentRecord[]> {
    return rowsOf<EnrolmentRecord>(
      manager,
      `SELECT ${COLUMNS} FROM progress.enrolments WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  listByMember(memberId: string): Promise<EnrolmentRecord[]> {
    return rowsOf<EnrolmentRecord>(
      this.manager,
      `SELECT ${COLUMNS} FROM progress.enrolments WHERE member_id = $1 ORDER BY enrolled_at DESC, id`,
      [memberId],
    );
  }

  /** The current enrolments in a module of these members. */
  findInModuleByMembers(moduleId: string, memberIds: string[]): Promise<EnrolmentRecord[]> {
    return rowsOf(
      this.manager,
      `SELECT ${COLUMNS} FROM progress.enrolments WHERE module_id = $1 AND member_id = ANY($2::uuid[]) AND current`,
      [moduleId, memberIds],
    );
  }

  /** Completed item ids per enrolment. */
  async completedItems(
    enrolmentIds: string[],
    manager: EntityManager = this.manager,
  ): Promise<Map<string, Set<string>>> {
    const rows = await rowsOf<{ enrolment_id: string; item_id: string }>(
      manager,
      `SELECT enrolment_id, item_id FROM progress.item_completions WHERE enrolment_id = ANY($1)`,
      [enrolmentIds],
    );
    const byEnrolment = new Map<string, Set<string>>(enrolmentIds.map((id) => [id, new Set()]));
    for (const row of rows) byEnrolment.get(row.enrolment_id)?.add(row.item_id);
    return byEnrolment;
  }

  /**
   * Records one item as done and reads back where the enrolment stands, in one round trip: the completion
   * row (a repeat changes nothing), the counter when the row is new, every item the enrolment had completed
   * before this statement, and its standing on each quiz it attempted (for the member's view); a new row also
   * moves the member's position to the first of the track's items (`order`, see trackOrder) still to do.
   * Call it with the enrolment locked, so the reads see every change committed before the lock was granted.
   */
  async recordItem(
    manager: EntityManager,
    enrolmentId: string,
    itemId: string,
    source: CompletionSource,
    recordedBy: string | null,
    order: { itemIds: string[]; unitIds: string[] },
  ): Promise<RecordedItem> {
    const [row] = await preparedQuery<{
      inserted: boolean;
      completedItems: number | null;
      done: string[];
      standings: ({ itemId: string } & QuizStanding)[];
    }>(manager, RECORD_ITEM_SQL, [enrolmentId, itemId, source, recordedBy, order.itemIds, order.unitIds]);
    // The statement's own snapshot predates its insert: the new item joins the set here.
    const completed = new Set(row.done);
    completed.add(itemId);
    return {
      inserted: row.inserted,
      completedItems: row.completedItems,
      completed,
      standings: new Map(row.standings.map(({ itemId: id, ...standing }) => [id, standing])),
    };
  }

  /** Sets the completion moment once: a second call finds the enrolment completed and returns null. */
  async markCompleted(manager: EntityManager, id: string): Promise<Date | null> {
    const [row] = await rowsOf<{ completedAt: Date }>(
      manager,
      `UPDATE progress.enrolments SET status = 'completed', completed_at = now()
        WHERE id = $1 AND status = 'in_progress' RETURNING completed_at AS "completedAt"`,
      [id],
    );
    return row?.completedAt ?? null;
  }

  /**
   * `enrolled` and `completed` count members by their current enrolment (a renewal takes its member
   * back from completed to in progress); `renewals` and `renewalsCompleted` count renewals apart.
   */
  async countModule(
    manager: EntityManager,
    moduleId: string,
    change: { enrolled?: number; completed?: number; renewals?: number; renewalsCompleted?: number },
  ) {
    await manager.query(
      `INSERT INTO progress.module_counters (module_id, slot, enrolled, completed, renewals, renewals_completed)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (module_id, slot) DO UPDATE
         SET enrolled = module_counters.enrolled + EXCLUDED.enrolled,
             completed = module_counters.completed + EXCLUDED.completed,
             renewals = module_counters.renewals + EXCLUDED.renewals,
             renewals_completed = module_counters.renewals_completed + EXCLUDED.renewals_completed`,
      [
        moduleId,
        slot(),
        change.enrolled ?? 0,
        change.completed ?? 0,
        change.renewals ?? 0,
        change.renewalsCompleted ?? 0,
      ],
    );
  }

  async countUnitCompleted(manager: EntityManager, moduleId: string, unitId: string) {
    await preparedQuery(
      manager,
      `INSERT INTO progress.unit_counters (module_id, unit_id, slot, completed) VALUES ($1, $2, $3, 1)
       ON CONFLICT (module_id, unit_id, slot) DO UPDATE SET completed = unit_counters.completed + 1`,
      [moduleId, unitId, slot()],
    );
  }
}
