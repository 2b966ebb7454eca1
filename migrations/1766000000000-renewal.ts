import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Renewal: a member whose certificate expires soon enrols again, so a member may hold several
 * enrolments in one module, of which one is current. The one-per-member-and-module key becomes one
 * *current* enrolment per member and module; a renewal names the enrolment it renews (once each).
 * A renewed enrolment is always a completed one (renewing takes a certificate), which the check holds.
 *
 * Reports and reminders read current enrolments only (one row per member), so the indexes they use
 * become partial on `current`.
 * Progress learns each certificate's end of validity with its status, for the renewal window and the
 * before-expiry reminders; the facts already held are completed from the certificates themselves.
 */
export class Renewal1766000000000 implements MigrationInterface {
  name = 'Renewal1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE progress.enrolments
        ADD COLUMN current boolean NOT NULL DEFAULT true,
        ADD COLUMN renewal_of uuid REFERENCES progress.enrolments (id) ON DELETE SET NULL,
        ADD CONSTRAINT enrolments_renewed_completed_check CHECK (current OR status = 'completed')`);
    await db.query(`DROP INDEX progress.enrolments_member_module_key`);
    await db.query(
      `CREATE UNIQUE INDEX enrolments_member_module_current_key ON progress.enrolments (member_id, module_id) WHERE current`,
    );
    // A member's enrolments, renewed ones included (their page, their list).
    await db.query(`CREATE INDEX enrolments_member_idx ON progress.enrolments (member_id)`);
    await db.query(`CREATE UNIQUE INDEX enrolments_renewal_of_key ON progress.enrolments (renewal_of)`);
    await db.query(`DROP INDEX progress.enrolments_module_list_idx`);
    await db.query(`
      CREATE INDEX enrolments_module_list_idx ON progress.enrolments (module_id, enrolled_at, id)
      INCLUDE (member_id, track, status, completed_at) WHERE current`);
    await db.query(`DROP INDEX progress.enrolments_module_status_idx`);
    await db.query(`
      CREATE INDEX enrolments_module_status_idx ON progress.enrolments (module_id, status, enrolled_at, id)
      INCLUDE (member_id, track, completed_at) WHERE current`);
    await db.query(`DROP INDEX progress.enrolments_module_activity_idx`);
    await db.query(`
      CREATE INDEX enrolments_module_activity_idx ON progress.enrolments (module_id, last_activity_at)
      INCLUDE (current_item_id) WHERE status = 'in_progress' AND current`);

    await db.query(`
      ALTER TABLE progress.module_counters
        ADD COLUMN renewals int NOT NULL DEFAULT 0,
        ADD COLUMN renewals_completed int NOT NULL DEFAULT 0`);

    await db.query(`ALTER TABLE progress.enrolment_certificates ADD COLUMN valid_until timestamptz`);
    await db.query(`
      UPDATE progress.enrolment_certificates f SET valid_until = c.valid_until
        FROM certificate.certificates c WHERE c.id = f.certificate_id AND c.valid_until IS NOT NULL`);
    // Before-expiry reminders: the issued certificates of a module's enrolments that end soon.
    await db.query(`
      CREATE INDEX enrolment_certificates_expiring_idx ON progress.enrolment_certificates (valid_until)
      WHERE status = 'issued' AND valid_until IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX progress.enrolment_certificates_expiring_idx`);
    await db.query(`ALTER TABLE progress.enrolment_certificates DROP COLUMN valid_until`);
    await db.query(`ALTER TABLE progress.module_counters DROP COLUMN renewals, DROP COLUMN renewals_completed`);
    await db.query(`DELETE FROM progress.enrolments WHERE NOT current`);
    await db.query(`DROP INDEX progress.enrolments_module_activity_idx`);
    await db.query(`
      CREATE INDEX enrolments_module_activity_idx ON progress.enrolments (module_id, last_activity_at)
      INCLUDE (current_item_id) WHERE status = 'in_progress'`);
    await db.query(`DROP INDEX progress.enrolments_module_status_idx`);
    await db.query(`
      CREATE INDEX enrolments_module_status_idx ON progress.enrolments (module_id, status, enrolled_at, id)
      INCLUDE (member_id, track, completed_at)`);
    await db.query(`DROP INDEX progress.enrolments_module_list_idx`);
    await db.query(`
      CREATE INDEX enrolments_module_list_idx ON progress.enrolments (module_id, enrolled_at, id)
      INCLUDE (member_id, track, status, completed_at)`);
    await db.query(`DROP INDEX progress.enrolments_renewal_of_key`);
    await db.query(`DROP INDEX progress.enrolments_member_idx`);
    await db.query(`DROP INDEX progress.enrolments_member_module_current_key`);
    await db.query(`CREATE UNIQUE INDEX enrolments_member_module_key ON progress.enrolments (member_id, module_id)`);
    await db.query(
      `ALTER TABLE progress.enrolments DROP CONSTRAINT enrolments_renewed_completed_check, DROP COLUMN renewal_of, DROP COLUMN current`,
    );
  }
}
