import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every lesson and quiz attempt updates its enrolment (counters, current item, activity). PostgreSQL can
 * write the new row version beside the old one without touching any of the table's eight indexes (a HOT
 * update) when no indexed column changes and the page has room. So:
 * - the activity index no longer carries current_item_id (it changes on every lesson; the "stuck at" report
 *   reads it from the rows its index scan finds);
 * - pages are kept 20% free (applies to pages written from now on);
 * - activity is written to the minute (progress enrolments/activity.ts), so requests within a minute leave
 *   the indexed last_activity_at as it was.
 * Measured in bench part a: lesson completion went from 57% to 69% of the bare baseline.
 */
export class EnrolmentHotUpdates1766100000000 implements MigrationInterface {
  name = 'EnrolmentHotUpdates1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE progress.enrolments SET (fillfactor = 80)`);
    await db.query(`DROP INDEX progress.enrolments_module_activity_idx`);
    await db.query(`
      CREATE INDEX enrolments_module_activity_idx ON progress.enrolments (module_id, last_activity_at)
      WHERE status = 'in_progress' AND current`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX progress.enrolments_module_activity_idx`);
    await db.query(`
      CREATE INDEX enrolments_module_activity_idx ON progress.enrolments (module_id, last_activity_at)
      INCLUDE (current_item_id) WHERE status = 'in_progress' AND current`);
    await db.query(`ALTER TABLE progress.enrolments RESET (fillfactor)`);
  }
}
