import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions with a server-side truth: every access token names one row here, and a request is honoured
 * only while that row exists. Logout deletes the row, logout-all and a role or password change delete
 * every row of the user, and deleting a user takes its sessions with it.
 */
export class AuthSessions1765100000000 implements MigrationInterface {
  name = 'AuthSessions1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE auth.sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX sessions_user_idx ON auth.sessions (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE auth.sessions`);
  }
}
