import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CertificateEntity, CertificateStatus } from '../issuing/certificate.entity';

/** What a ZIP entry and its manifest line need (not the credential: it is the bulk of a row). */
export type ArchivedCertificate = Pick<
  CertificateEntity,
  | 'id'
  | 'serial'
  | 'holderName'
  | 'status'
  | 'track'
  | 'completedAt'
  | 'issuedAt'
  | 'validUntil'
  | 'pdfSha256'
  | 'storageKey'
>;

const BATCH = 100;

@Injectable()
export class CertificateArchiveRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A module's certificates in issue order, through a server-side cursor a batch at a time, so an
   * archive of any size never holds more than a batch of rows. Stopping early closes the cursor.
   */
  async *stream(moduleSlug: string, status: CertificateStatus | undefined): AsyncGenerator<ArchivedCertificate[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await runner.query(
        `DECLARE archive NO SCROLL CURSOR FOR
           SELECT id, serial, holder_name AS "holderName", status, track, completed_at AS "completedAt",
                  issued_at AS "issuedAt", valid_until AS "validUntil", pdf_sha256 AS "pdfSha256",
                  storage_key AS "storageKey"
             FROM certificate.certificates
            WHERE module_slug = $1 AND ($2::text IS NULL OR status = $2)
            ORDER BY issued_at, id`,
        [moduleSlug, status ?? null],
      );
      for (;;) {
        const rows: ArchivedCertificate[] = await runner.query(`FETCH ${BATCH} FROM archive`);
        if (!rows.length) break;
        yield rows;
      }
    } finally {
      await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}
