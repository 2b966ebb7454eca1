import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The progress service's schema. Reports must stay fast at 100,000 members × 10 modules, so the
 * counters they need are kept in small tables updated in the same transaction as the fact they count
 * (sharded by a random slot so concurrent enrolments do not queue on one hot row).
 */
export class Progress1764000200000 implements MigrationInterface {
  name = 'Progress1764000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS progress`);
    await db.query(`
      CREATE TABLE progress.enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
        module_id uuid NOT NULL,
        module_slug text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        track text,
        status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'completed')),
        completed_items int NOT NULL DEFAULT 0 CHECK (completed_items >= 0),
        total_items int NOT NULL CHECK (total_items >= 0),
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CHECK ((status = 'completed') = (completed_at IS NOT NULL))
      ) WITH (fillfactor = 90)`);
    await db.query(`CREATE UNIQUE INDEX enrolments_member_module_key ON progress.enrolments (member_id, module_id)`);
    // The member list: one module, in enrolment order. completed_items changes with every item, so it
    // stays out of every index (with the fillfactor, those updates are HOT: no index writes at all).
    await db.query(`
      CREATE INDEX enrolments_module_list_idx ON progress.enrolments (module_id, enrolled_at, id)
      INCLUDE (member_id, track, status, completed_at)`);
    // The member list filtered by status (same order), and the median days to complete (status = completed).
    await db.query(`
      CREATE INDEX enrolments_module_status_idx ON progress.enrolments (module_id, status, enrolled_at, id)
      INCLUDE (member_id, track, completed_at)`);

    await db.query(`
      CREATE TABLE progress.item_completions (
        enrolment_id uuid NOT NULL REFERENCES progress.enrolments (id) ON DELETE CASCADE,
        item_id uuid NOT NULL,
        source text NOT NULL CHECK (source IN ('self', 'quiz', 'attendance', 'staff')),
        recorded_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
        completed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enrolment_id, item_id)
      )`);

    await db.query(`
      CREATE TABLE progress.quiz_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL REFERENCES progress.enrolments (id) ON DELETE CASCADE,
        item_id uuid NOT NULL,
        number int NOT NULL CHECK (number > 0),
        answers jsonb NOT NULL,
        results jsonb NOT NULL,
        score numeric(5, 2) NOT NULL CHECK (score BETWEEN 0 AND 100),
        passed boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enrolment_id, item_id, number)
      )`);

    await db.query(`
      CREATE TABLE progress.module_counters (
        module_id uuid NOT NULL,
        slot smallint NOT NULL,
        enrolled int NOT NULL DEFAULT 0,
        completed int NOT NULL DEFAULT 0,
        PRIMARY KEY (module_id, slot)
      )`);
    await db.query(`
      CREATE TABLE progress.unit_counters (
        module_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        slot smallint NOT NULL,
        completed int NOT NULL DEFAULT 0,
        PRIMARY KEY (module_id, unit_id, slot)
      )`);
    await db.query(`
      CREATE TABLE progress.question_counters (
        module_id uuid NOT NULL,
        item_id uuid NOT NULL,
        question_id uuid NOT NULL,
        slot smallint NOT NULL,
        answered int NOT NULL DEFAULT 0,
        missed int NOT NULL DEFAULT 0,
        PRIMARY KEY (module_id, item_id, question_id, slot)
      )`);
    await db.query(`
      CREATE TABLE progress.quiz_counters (
        module_id uuid NOT NULL,
        item_id uuid NOT NULL,
        slot smallint NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        passed int NOT NULL DEFAULT 0,
        PRIMARY KEY (module_id, item_id, slot)
      )`);

    // The newest certificate fact per enrolment, as told by the certificate service (for the report's serial).
    await db.query(`
      CREATE TABLE progress.enrolment_certificates (
        enrolment_id uuid PRIMARY KEY REFERENCES progress.enrolments (id) ON DELETE CASCADE,
        certificate_id uuid NOT NULL,
        serial text NOT NULL,
        status text NOT NULL CHECK (status IN ('issued', 'revoked', 'superseded')),
        changed_at timestamptz NOT NULL
      )`);

    await db.query(`
      CREATE TABLE progress.outbox (
        id bigserial PRIMARY KEY,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        CHECK (type IN ('module.completed'))
      )`);
    await db.query(
      `CREATE INDEX outbox_pending_idx ON progress.outbox (next_attempt_at, id) WHERE published_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA progress CASCADE`);
  }
}
