import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocation any verifier can check: each credential gets a position in a W3C Bitstring Status List.
 * Positions come from a sequence (never handed out twice, even to concurrent issues, and never reused
 * after a failed draft); a unique index makes "one position, one certificate" a database fact. Each
 * list's encoded bitstring is a row, changed under a row lock in the transaction that revokes or
 * supersedes, so the list and the certificate's status cannot disagree.
 */
export class CertificateStatusList1765900000000 implements MigrationInterface {
  name = 'CertificateStatusList1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE certificate.status_list_position AS bigint MINVALUE 0 START 0`);
    await db.query(`ALTER TABLE certificate.certificates ADD COLUMN status_list_position bigint`);
    await db.query(
      `CREATE UNIQUE INDEX certificates_status_list_position_key ON certificate.certificates (status_list_position)`,
    );
    await db.query(`
      CREATE TABLE certificate.status_lists (
        list int NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('revocation')),
        encoded_list text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (list, purpose)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE certificate.status_lists`);
    await db.query(`DROP INDEX certificate.certificates_status_list_position_key`);
    await db.query(`ALTER TABLE certificate.certificates DROP COLUMN status_list_position`);
    await db.query(`DROP SEQUENCE certificate.status_list_position`);
  }
}
