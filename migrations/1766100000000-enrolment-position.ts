import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every lesson and quiz attempt updates its enrolment (counter, current item, activity). PostgreSQL writes
 * the new row version beside the old one without touching any of the table's eight indexes (a HOT update)
 * when no indexed column changes and the page has room. The activity index carried current_item_id, which
 * changes on every lesson, so every completion added an entry to all eight. Now:
 * - each enrolment also keeps its current *unit* (the unit of its current item), which changes only when a
 *   unit is finished, and the activity index carries that instead: "stuck per unit" and the unit filter
 *   stay index-only scans, and the other updates stay in place;
 * - pages are kept 20% free (applies to pages written from now on);
 * - activity is written to the minute (progress enrolments/activity.ts), so requests within a minute leave
 *   the indexed last_activity_at as it was.
 * Existing enrolments get their current unit from the module version they follow (a one-off read of the
 * course's published snapshots; at run time progress learns units from the catalog reader).
 */
export class EnrolmentPosition1766100000000 implements MigrationInterface {
  name = 'EnrolmentPosition1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE progress.enrolments SET (fillfactor = 80), ADD COLUMN current_unit_id uuid`);
    await db.query(`
      UPDATE progress.enrolments e SET current_unit_id = (unit->>'id')::uuid
        FROM course.module_versions v, jsonb_array_elements(v.snapshot->'units') AS unit
       WHERE e.current_item_id IS NOT NULL AND v.module_id = e.module_id AND v.version = e.version
         AND unit->'items' @> jsonb_build_array(jsonb_build_object('id', e.current_item_id::text))`);
    await db.query(`DROP INDEX progress.enrolments_module_activity_idx`);
    await db.query(`
      CREATE INDEX enrolments_module_activity_idx ON progress.enrolments (module_id, last_activity_at)
      INCLUDE (current_unit_id) WHERE status = 'in_progress' AND current`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX progress.enrolments_module_activity_idx`);
    await db.query(`
      CREATE INDEX enrolments_module_activity_idx ON progress.enrolments (module_id, last_activity_at)
      INCLUDE (current_item_id) WHERE status = 'in_progress' AND current`);
    await db.query(`ALTER TABLE progress.enrolments RESET (fillfactor), DROP COLUMN current_unit_id`);
  }
}
