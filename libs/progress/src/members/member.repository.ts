import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@greenlight/database';
import { ACTIVITY_NOW } from '../enrolments/activity';
import type { CompletionSource } from '../enrolments/enrolment.repository';
import type { Position } from '../enrolments/track-items';

export interface ItemCompletionRow {
  enrolmentId: string;
  itemId: string;
  source: CompletionSource;
  completedAt: Date;
  recordedBy: string | null;
}

export interface AttemptRow {
  enrolmentId: string;
  itemId: string;
  number: number;
  score: number;
  passed: boolean;
  createdAt: Date;
}

export interface ExtraAttemptRow {
  enrolmentId: string;
  itemId: string;
  reason: string;
  grantedAt: Date;
}

export interface EnrolmentCertificateRow {
  enrolmentId: string;
  certificateId: string;
  serial: string;
  status: 'issued' | 'revoked' | 'superseded';
  changedAt: Date;
}

/** The member page's reads of a member's enrolments, and the staff actions taken on them. */
@Injectable()
export class MemberRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  completions(enrolmentIds: string[]): Promise<ItemCompletionRow[]> {
    return rowsOf(
      this.dataSource.manager,
      `SELECT enrolment_id AS "enrolmentId", item_id AS "itemId", source, completed_at AS "completedAt",
              recorded_by AS "recordedBy"
         FROM progress.item_completions WHERE enrolment_id = ANY($1) ORDER BY completed_at`,
      [enrolmentIds],
    );
  }

  attempts(enrolmentIds: string[]): Promise<AttemptRow[]> {
    return rowsOf(
      this.dataSource.manager,
      `SELECT enrolment_id AS "enrolmentId", item_id AS "itemId", number, score::float8 AS score, passed,
              created_at AS "createdAt"
         FROM progress.quiz_attempts WHERE enrolment_id = ANY($1) ORDER BY created_at`,
      [enrolmentIds],
    );
  }

  extraAttempts(enrolmentIds: string[]): Promise<ExtraAttemptRow[]> {
    return rowsOf(
      this.dataSource.manager,
      `SELECT enrolment_id AS "enrolmentId", item_id AS "itemId", reason, granted_at AS "grantedAt"
         FROM progress.extra_attempts WHERE enrolment_id = ANY($1) ORDER BY granted_at`,
      [enrolmentIds],
    );
  }

  /** The certificate facts the certificate service told progress about (its own copy, for reports). */
  certificates(enrolmentIds: string[]): Promise<EnrolmentCertificateRow[]> {
    return rowsOf(
      this.dataSource.manager,
      `SELECT enrolment_id AS "enrolmentId", certificate_id AS "certificateId", serial, status,
              changed_at AS "changedAt"
         FROM progress.enrolment_certificates WHERE enrolment_id = ANY($1)`,
      [enrolmentIds],
    );
  }

  async grantAttempt(
    manager: EntityManager,
    grant: { enrolmentId: string; itemId: string; grantedBy: string; reason: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO progress.extra_attempts (enrolment_id, item_id, granted_by, reason) VALUES ($1, $2, $3, $4)`,
      [grant.enrolmentId, grant.itemId, grant.grantedBy, grant.reason],
    );
  }

  async setTrack(
    manager: EntityManager,
    id: string,
    change: { track: string; totalItems: number; completedItems: number; position: Position },
  ): Promise<void> {
    await manager.query(
      `UPDATE progress.enrolments
          SET track = $2, total_items = $3, completed_items = $4, current_item_id = $5, current_unit_id = $6,
              last_activity_at = ${ACTIVITY_NOW}
        WHERE id = $1`,
      [id, change.track, change.totalItems, change.completedItems, change.position.itemId, change.position.unitId],
    );
  }
}
