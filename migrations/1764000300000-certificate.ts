import { MigrationInterface, QueryRunner } from 'typeorm';

export class Certificate1764000300000 implements MigrationInterface {
  name = 'Certificate1764000300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS certificate`);
    await db.query(`
      CREATE TABLE certificate.certificates (
        id uuid PRIMARY KEY,
        serial text NOT NULL,
        enrolment_id uuid NOT NULL,
        member_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE RESTRICT,
        module_id uuid NOT NULL,
        module_slug text NOT NULL,
        module_version int NOT NULL CHECK (module_version > 0),
        module_title jsonb NOT NULL,
        track text,
        track_title jsonb,
        holder_name text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('en', 'fr')),
        cpd_hours numeric(6, 2) NOT NULL CHECK (cpd_hours >= 0),
        completed_at timestamptz NOT NULL,
        completion_date date NOT NULL,
        time_zone text NOT NULL,
        issued_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('issued', 'revoked', 'superseded')),
        pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        credential jsonb,
        credential_jwt text,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
        revocation_reason text,
        superseded_at timestamptz,
        replaces_id uuid REFERENCES certificate.certificates (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
        CHECK ((status = 'superseded') = (superseded_at IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX certificates_serial_key ON certificate.certificates (serial)`);
    // The exactly-once rule as a database fact: one live (issued or revoked) certificate per enrolment.
    // A revoked one still counts, so a replayed completion cannot quietly issue a new certificate.
    await db.query(`
      CREATE UNIQUE INDEX certificates_live_enrolment_key ON certificate.certificates (enrolment_id)
      WHERE status <> 'superseded'`);
    await db.query(`CREATE INDEX certificates_member_idx ON certificate.certificates (member_id, issued_at)`);
    await db.query(
      `CREATE INDEX certificates_module_status_idx ON certificate.certificates (module_slug, status, issued_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA certificate CASCADE`);
  }
}
