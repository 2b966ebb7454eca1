import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session opened through the single sign-on provider keeps the ID token the provider gave for it:
 * signing out hands it back to the provider's end-session endpoint as `id_token_hint`, so the provider
 * knows whom to sign out without asking. Null for a session opened with a password.
 */
export class SessionProvider1766200000000 implements MigrationInterface {
  name = 'SessionProvider1766200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE auth.sessions ADD COLUMN id_token text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE auth.sessions DROP COLUMN id_token`);
  }
}
