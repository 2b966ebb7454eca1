import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset and email verification links. Only the SHA-256 of a token is kept (a copy of the
 * table signs nobody in); a token is used at most once (`used_at`, set by the statement that accepts it)
 * and expires an hour after it was mailed.
 */
export class AuthAccountTokens1765100200000 implements MigrationInterface {
  name = 'AuthAccountTokens1765100200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE auth.users ADD COLUMN email_verified_at timestamptz`);
    await db.query(`
      CREATE TABLE auth.account_tokens (
        token_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(`CREATE INDEX account_tokens_user_idx ON auth.account_tokens (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE auth.account_tokens`);
    await db.query(`ALTER TABLE auth.users DROP COLUMN email_verified_at`);
  }
}
