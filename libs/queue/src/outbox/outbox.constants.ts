import { JobName, OutboxEventType } from '../queue.constants';
import type { JobPayload } from '../job-payloads';

/** The progress service's outbox table (its migration owns it) and the channel that wakes the relay. */
export const OUTBOX_TABLE = 'progress.outbox';
export const OUTBOX_CHANNEL = 'progress_outbox';

/** Which job each outbox event becomes. */
export const OUTBOX_JOB = {
  [OutboxEventType.ModuleCompleted]: JobName.IssueCertificate,
} as const satisfies Record<OutboxEventType, JobName>;

export type OutboxPayload<T extends OutboxEventType> = JobPayload[(typeof OUTBOX_JOB)[T]];

/** Anything that runs SQL inside the caller's transaction (a TypeORM EntityManager or QueryRunner). */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Writes an event to the outbox inside the caller's transaction, and wakes the relays: PostgreSQL
 * delivers the notification only when that transaction commits, and drops it if it rolls back.
 */
export async function writeOutboxEvent<T extends OutboxEventType>(
  sql: SqlExecutor,
  type: T,
  payload: OutboxPayload<T>,
): Promise<void> {
  await sql.query(`INSERT INTO ${OUTBOX_TABLE} (type, payload) VALUES ($1, $2)`, [type, JSON.stringify(payload)]);
  await sql.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
}
