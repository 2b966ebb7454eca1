import { MigrationInterface, QueryRunner } from 'typeorm';

/** When the certificate sweep last asked again for an enrolment's certificate, and how many times. */
export class CertificateReconciliation1765300000001 implements MigrationInterface {
  name = 'CertificateReconciliation1765300000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE progress.certificate_reconciliations (
        enrolment_id uuid PRIMARY KEY REFERENCES progress.enrolments (id) ON DELETE CASCADE,
        attempts int NOT NULL CHECK (attempts > 0),
        last_at timestamptz NOT NULL
      )`);
    // The sweep and the backlog read completed enrolments only, oldest first.
    await db.query(
      `CREATE INDEX enrolments_completed_idx ON progress.enrolments (completed_at) WHERE status = 'completed'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX progress.enrolments_completed_idx`);
    await db.query(`DROP TABLE progress.certificate_reconciliations`);
  }
}
