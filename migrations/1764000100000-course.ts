import { MigrationInterface, QueryRunner } from 'typeorm';

export class Course1764000100000 implements MigrationInterface {
  name = 'Course1764000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS course`);
    await db.query(`
      CREATE TABLE course.modules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        draft jsonb NOT NULL,
        draft_hash text NOT NULL,
        latest_version int CHECK (latest_version > 0),
        created_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX modules_slug_key ON course.modules (slug)`);
    await db.query(`
      CREATE TABLE course.module_versions (
        module_id uuid NOT NULL REFERENCES course.modules (id) ON DELETE RESTRICT,
        version int NOT NULL CHECK (version > 0),
        snapshot jsonb NOT NULL,
        document_hash text NOT NULL,
        published_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (module_id, version)
      )`);
    // Versions are immutable: refuse UPDATE outright so no code path can rewrite what members were graded on.
    await db.query(`
      CREATE FUNCTION course.refuse_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'course.module_versions rows are immutable';
      END $$`);
    await db.query(`
      CREATE TRIGGER module_versions_immutable BEFORE UPDATE ON course.module_versions
      FOR EACH ROW EXECUTE FUNCTION course.refuse_version_update()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA course CASCADE`);
  }
}
