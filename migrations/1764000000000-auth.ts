import { MigrationInterface, QueryRunner } from 'typeorm';

export class Auth1764000000000 implements MigrationInterface {
  name = 'Auth1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS auth`);
    await db.query(`
      CREATE TABLE auth.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        name text NOT NULL,
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'staff', 'admin')),
        locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'fr')),
        failed_logins int NOT NULL DEFAULT 0,
        last_failed_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON auth.users (lower(email))`);
    await db.query(`CREATE INDEX users_role_idx ON auth.users (role)`);
    await db.query(`
      CREATE TABLE auth.audit_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid REFERENCES auth.users (id) ON DELETE SET NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        reason text,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_entries_created_idx ON auth.audit_entries (created_at DESC)`);
    await db.query(`CREATE INDEX audit_entries_subject_idx ON auth.audit_entries (subject_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA auth CASCADE`);
  }
}
