import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is stuck, and where: each enrolment keeps its last activity (an item completed or a quiz
 * attempted, kept in those transactions) and the first item of its track still to do. Staff may grant
 * a member extra quiz attempts, each with a reason.
 */
export class MemberActivity1765700100000 implements MigrationInterface {
  name = 'MemberActivity1765700100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE progress.enrolments ADD COLUMN last_activity_at timestamptz, ADD COLUMN current_item_id uuid`,
    );
    await db.query(`
      UPDATE progress.enrolments e
         SET last_activity_at = greatest(e.enrolled_at,
               (SELECT max(completed_at) FROM progress.item_completions c WHERE c.enrolment_id = e.id),
               (SELECT max(created_at) FROM progress.quiz_attempts a WHERE a.enrolment_id = e.id))`);
    await db.query(`ALTER TABLE progress.enrolments ALTER COLUMN last_activity_at SET DEFAULT now(),
                      ALTER COLUMN last_activity_at SET NOT NULL`);
    // "Inactive for N days" over one module's members still in progress: a range scan, not a sort.
    await db.query(`
      CREATE INDEX enrolments_module_activity_idx ON progress.enrolments (module_id, last_activity_at)
      INCLUDE (current_item_id) WHERE status = 'in_progress'`);
    await db.query(`
      CREATE TABLE progress.extra_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL REFERENCES progress.enrolments (id) ON DELETE CASCADE,
        item_id uuid NOT NULL,
        granted_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
        reason text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX extra_attempts_enrolment_idx ON progress.extra_attempts (enrolment_id, item_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE progress.extra_attempts`);
    await db.query(`ALTER TABLE progress.enrolments DROP COLUMN last_activity_at, DROP COLUMN current_item_id`);
  }
}
