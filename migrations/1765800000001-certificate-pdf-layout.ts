import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which layout a certificate's PDF was rendered with. Every certificate so far has the first (untagged)
 * one; new ones are tagged PDF/A-3b. A lost file renders again in its own layout, to the same bytes.
 */
export class CertificatePdfLayout1765800000001 implements MigrationInterface {
  name = 'CertificatePdfLayout1765800000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE certificate.certificates ADD COLUMN pdf_layout smallint NOT NULL DEFAULT 1`);
    await db.query(`ALTER TABLE certificate.certificates ALTER COLUMN pdf_layout DROP DEFAULT`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE certificate.certificates DROP COLUMN pdf_layout`);
  }
}
