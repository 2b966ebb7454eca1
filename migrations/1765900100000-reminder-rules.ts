import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder rules per module (inactive N days, N days before the module closes, before a live session,
 * before a certificate expires), run by a BullMQ job scheduler. Each member is reminded at most once
 * per rule and occasion: that is the message log's dedupe key, not a table here.
 */
export class ReminderRules1765900100000 implements MigrationInterface {
  name = 'ReminderRules1765900100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE progress.reminder_rules (
        module_id uuid NOT NULL,
        module_slug text NOT NULL,
        key text NOT NULL,
        position int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('inactive', 'before-close', 'before-event', 'before-expiry')),
        days int NOT NULL CHECK (days BETWEEN 0 AND 3650),
        subject jsonb NOT NULL,
        body jsonb NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        updated_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (module_id, key)
      )`);
    await db.query(`CREATE INDEX reminder_rules_enabled_idx ON progress.reminder_rules (module_id) WHERE enabled`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE progress.reminder_rules`);
  }
}
