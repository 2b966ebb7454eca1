import { MigrationInterface, QueryRunner } from 'typeorm';

/** Certificates of a module with `validForMonths` expire; staff list those expiring soon. */
export class CertificateExpiry1765800000000 implements MigrationInterface {
  name = 'CertificateExpiry1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE certificate.certificates ADD COLUMN valid_until timestamptz`);
    // "Expiring within N days" reads issued certificates that expire, soonest first.
    await db.query(
      `CREATE INDEX certificates_expiring_idx ON certificate.certificates (valid_until)
         WHERE status = 'issued' AND valid_until IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX certificate.certificates_expiring_idx`);
    await db.query(`ALTER TABLE certificate.certificates DROP COLUMN valid_until`);
  }
}
