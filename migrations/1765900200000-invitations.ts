import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff invite addresses to a module. An address with a verified account is enrolled at once; any other
 * gets an invitation email and is enrolled when an account proves that address (verification).
 */
export class Invitations1765900200000 implements MigrationInterface {
  name = 'Invitations1765900200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE progress.invitations (
        module_id uuid NOT NULL,
        module_slug text NOT NULL,
        email text NOT NULL CHECK (email = lower(email)),
        track text,
        invited_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
        invited_at timestamptz NOT NULL DEFAULT now(),
        member_id uuid REFERENCES auth.users (id) ON DELETE SET NULL,
        enrolled_at timestamptz,
        PRIMARY KEY (module_id, email)
      )`);
    // Signing up looks for the invitations still waiting for an address.
    await db.query(`CREATE INDEX invitations_pending_idx ON progress.invitations (email) WHERE enrolled_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE progress.invitations`);
  }
}
