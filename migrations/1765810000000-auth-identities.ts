import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on: which account a provider's person (issuer + subject, the pair OpenID Connect makes
 * stable) signs into. A member created by single sign-on has no password until they set one by reset.
 */
export class AuthIdentities1765810000000 implements MigrationInterface {
  name = 'AuthIdentities1765810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE auth.users ALTER COLUMN password_hash DROP NOT NULL`);
    await db.query(`
      CREATE TABLE auth.identities (
        issuer text NOT NULL,
        subject text NOT NULL,
        user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
        email text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject),
        UNIQUE (user_id, issuer)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE auth.identities`);
    await db.query(`UPDATE auth.users SET password_hash = '' WHERE password_hash IS NULL`);
    await db.query(`ALTER TABLE auth.users ALTER COLUMN password_hash SET NOT NULL`);
  }
}
