import { JobName, OutboxEventType } from '../queue.constants';
import type { JobPayload } from '../job-payloads';

/**
 * Every service that emits events has its own outbox table in its own schema (its migration owns it)
 * and a NOTIFY channel that wakes the relays; one relay mechanism moves them all.
 */
export const OUTBOXES = {
  progress: { table: 'progress.outbox', channel: 'progress_outbox' },
  certificate: { table: 'certificate.outbox', channel: 'certificate_outbox' },
} as const;

export type OutboxName = keyof typeof OUTBOXES;

/** Which outbox each event is written to: the one of the service whose change causes it. */
export const OUTBOX_OF = {
  [OutboxEventType.ModuleCompleted]: 'progress',
  [OutboxEventType.CertificateRecorded]: 'certificate',
} as const satisfies Record<OutboxEventType, OutboxName>;

/** Which job each outbox event becomes. */
export const OUTBOX_JOB = {
  [OutboxEventType.ModuleCompleted]: JobName.IssueCertificate,
  [OutboxEventType.CertificateRecorded]: JobName.RecordCertificateForEnrolment,
} as const satisfies Record<OutboxEventType, JobName>;

export type OutboxPayload<T extends OutboxEventType> = JobPayload[(typeof OUTBOX_JOB)[T]];

/** Anything that runs SQL inside the caller's transaction (a TypeORM EntityManager or QueryRunner). */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Writes an event to its service's outbox inside the caller's transaction, and wakes the relays:
 * PostgreSQL delivers the notification only when that transaction commits, and drops it if it rolls back.
 */
export async function writeOutboxEvent<T extends OutboxEventType>(
  sql: SqlExecutor,
  type: T,
  payload: OutboxPayload<T>,
): Promise<void> {
  await writeOutboxEvents(sql, type, [payload]);
}

/** Many events of one type in one statement (a sweep's batch), with one wake-up. */
export async function writeOutboxEvents<T extends OutboxEventType>(
  sql: SqlExecutor,
  type: T,
  payloads: OutboxPayload<T>[],
): Promise<void> {
  if (!payloads.length) return;
  const outbox = OUTBOXES[OUTBOX_OF[type]];
  await sql.query(
    `INSERT INTO ${outbox.table} (type, payload)
     SELECT $1, value FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY ORDER BY ordinality`,
    [type, JSON.stringify(payloads)],
  );
  await sql.query(`SELECT pg_notify($1, '')`, [outbox.channel]);
}
