import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CertificateForEnrolmentPayload } from '@greenlight/queue';

export type CertificateFactOutcome = 'recorded' | 'stale' | 'no_enrolment';

/**
 * The newest certificate fact per enrolment: the member list's certificate_serial column, the renewal
 * window and the before-expiry reminders.
 */
@Injectable()
export class EnrolmentCertificateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Keeps a fact only when it is newer than the one held, and never lets the superseded old
   * certificate of a reissue replace its successor, so late or repeated messages change nothing.
   * A reissue stamps both facts with the same instant: there the successor's `issued` wins.
   */
  async upsert(fact: CertificateForEnrolmentPayload): Promise<CertificateFactOutcome> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO progress.enrolment_certificates AS c (enrolment_id, certificate_id, serial, status, changed_at, valid_until)
       SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM progress.enrolments WHERE id = $1)
       ON CONFLICT (enrolment_id) DO UPDATE
          SET certificate_id = EXCLUDED.certificate_id, serial = EXCLUDED.serial,
              status = EXCLUDED.status, changed_at = EXCLUDED.changed_at,
              valid_until = CASE WHEN $7 THEN EXCLUDED.valid_until ELSE c.valid_until END
        WHERE NOT (EXCLUDED.status = 'superseded' AND c.certificate_id <> EXCLUDED.certificate_id)
          AND (c.changed_at < EXCLUDED.changed_at
               OR (c.changed_at = EXCLUDED.changed_at AND c.status = 'superseded' AND EXCLUDED.status = 'issued'
                   AND c.certificate_id <> EXCLUDED.certificate_id))
       RETURNING enrolment_id`,
      // A fact sent before certificates told their validity leaves the one held alone.
      [
        fact.enrolmentId,
        fact.certificateId,
        fact.serial,
        fact.status,
        fact.changedAt,
        fact.validUntil ?? null,
        fact.validUntil !== undefined,
      ],
    );
    if (rows.length) return 'recorded';
    const [exists] = await this.dataSource.query(`SELECT 1 FROM progress.enrolments WHERE id = $1`, [fact.enrolmentId]);
    return exists ? 'stale' : 'no_enrolment';
  }
}
