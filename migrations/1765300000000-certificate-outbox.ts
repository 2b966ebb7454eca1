import { MigrationInterface, QueryRunner } from 'typeorm';

/** The certificate service's own outbox: what progress is told on issue, revoke and reissue, moved by the shared relay. */
export class CertificateOutbox1765300000000 implements MigrationInterface {
  name = 'CertificateOutbox1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE certificate.outbox (
        id bigserial PRIMARY KEY,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        CHECK (type IN ('certificate.recorded'))
      )`);
    await db.query(
      `CREATE INDEX outbox_pending_idx ON certificate.outbox (next_attempt_at, id) WHERE published_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE certificate.outbox`);
  }
}
