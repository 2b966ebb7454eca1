import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A completed enrolment that progress has heard of no certificate for. */
export interface UncertifiedEnrolment {
  enrolmentId: string;
  memberId: string;
  moduleId: string;
  moduleSlug: string;
  moduleVersion: number;
  track: string | null;
  completedAt: Date;
  renewalOf: string | null;
  attempts: number;
}

/** Completed enrolments without a certificate, by module version: all of them, and those past the grace period. */
export interface BacklogRow {
  moduleId: string;
  moduleVersion: number;
  waiting: number;
  overdue: number;
}

const SWEEP_LOCK = `hashtext('progress.certificate-sweep')`;

/** The SQL of the certificate sweep: "completed, no certificate" is an anti-join on the facts progress keeps. */
@Injectable()
export class CertificateReconciliationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One sweep at a time across every progress process: false when another holds the lock. */
  async lockSweep(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query(`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS locked`);
    return row.locked as boolean;
  }

  /**
   * Past the grace period and not asked about lately, oldest completion first. The wait doubles with
   * each ask (grace × 2^asks, at most 2^10), so a worker that stays down for hours does not fill the
   * queue with repeats.
   */
  overdue(manager: EntityManager, graceSeconds: number, limit: number): Promise<UncertifiedEnrolment[]> {
    return manager.query(
      `SELECT e.id AS "enrolmentId", e.member_id AS "memberId", e.module_id AS "moduleId",
              e.module_slug AS "moduleSlug", e.version AS "moduleVersion", e.track, e.completed_at AS "completedAt",
              e.renewal_of AS "renewalOf", coalesce(r.attempts, 0) AS attempts
         FROM progress.enrolments e
         LEFT JOIN progress.certificate_reconciliations r ON r.enrolment_id = e.id
        WHERE e.status = 'completed' AND e.completed_at < now() - make_interval(secs => $1)
          AND NOT EXISTS (SELECT 1 FROM progress.enrolment_certificates c WHERE c.enrolment_id = e.id)
          AND (r.last_at IS NULL OR r.last_at < now() - make_interval(secs => $1 * power(2, least(r.attempts, 10))))
        ORDER BY e.completed_at
        LIMIT $2`,
      [graceSeconds, limit],
    );
  }

  async markAsked(manager: EntityManager, enrolmentIds: string[]): Promise<void> {
    await manager.query(
      `INSERT INTO progress.certificate_reconciliations AS r (enrolment_id, attempts, last_at)
       SELECT id, 1, now() FROM unnest($1::uuid[]) AS id
       ON CONFLICT (enrolment_id) DO UPDATE SET attempts = r.attempts + 1, last_at = now()`,
      [enrolmentIds],
    );
  }

  backlog(graceSeconds: number): Promise<BacklogRow[]> {
    return this.dataSource.query(
      `SELECT e.module_id AS "moduleId", e.version AS "moduleVersion", count(*)::int AS waiting,
              (count(*) FILTER (WHERE e.completed_at < now() - make_interval(secs => $1)))::int AS overdue
         FROM progress.enrolments e
        WHERE e.status = 'completed'
          AND NOT EXISTS (SELECT 1 FROM progress.enrolment_certificates c WHERE c.enrolment_id = e.id)
        GROUP BY e.module_id, e.version`,
      [graceSeconds],
    );
  }
}
