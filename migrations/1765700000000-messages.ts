import { MigrationInterface, QueryRunner } from 'typeorm';

export class Messages1765700000000 implements MigrationInterface {
  name = 'Messages1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS messages`);
    // The message log is also the outbox: a row is written (in the caller's transaction when there is
    // one) before anything touches Redis, relayed to the notifications queue, and marked sent by the worker.
    await db.query(`
      CREATE TABLE messages.messages (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        dedupe_key text NOT NULL,
        user_id uuid,
        module_slug text,
        to_address text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('en', 'fr')),
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text,
        unsubscribe_url text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
        created_at timestamptz NOT NULL DEFAULT now(),
        round int NOT NULL DEFAULT 0,
        queued_at timestamptz,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        transport text CHECK (transport IN ('smtp', 'log')),
        CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    // Once per member and occasion, as a database fact: a second send with the same key is a no-op.
    await db.query(`CREATE UNIQUE INDEX messages_dedupe_key ON messages.messages (dedupe_key)`);
    await db.query(`CREATE INDEX messages_user_idx ON messages.messages (user_id, created_at)`);
    await db.query(`
      CREATE INDEX messages_due_idx ON messages.messages (next_attempt_at)
      WHERE status = 'pending' AND queued_at IS NULL`);
    await db.query(`
      CREATE INDEX messages_queued_idx ON messages.messages (queued_at)
      WHERE status = 'pending' AND queued_at IS NOT NULL`);
    await db.query(`
      CREATE TABLE messages.unsubscribes (
        user_id uuid PRIMARY KEY,
        unsubscribed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA messages CASCADE`);
  }
}
