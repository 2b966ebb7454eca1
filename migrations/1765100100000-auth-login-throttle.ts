import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in slow-down per address and client IP, in its own table so one statement can count an attempt
 * and decide on it atomically (the per-user counters it replaces were read, checked, then incremented:
 * 25 parallel guesses all got through). Keyed by the address typed, known or not, so the slow-down
 * answers the same for an address that has no account.
 */
export class AuthLoginThrottle1765100100000 implements MigrationInterface {
  name = 'AuthLoginThrottle1765100100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE auth.login_throttle (
        email text NOT NULL,
        client_ip text NOT NULL,
        failures int NOT NULL,
        blocked_until timestamptz,
        last_attempt_at timestamptz NOT NULL,
        last_refused boolean NOT NULL DEFAULT false,
        PRIMARY KEY (email, client_ip)
      )`);
    await db.query(`ALTER TABLE auth.users DROP COLUMN failed_logins, DROP COLUMN last_failed_login_at`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE auth.users ADD COLUMN failed_logins int NOT NULL DEFAULT 0,
        ADD COLUMN last_failed_login_at timestamptz`);
    await db.query(`DROP TABLE auth.login_throttle`);
  }
}
