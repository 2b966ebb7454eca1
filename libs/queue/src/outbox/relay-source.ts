import type { AppConfig } from '@greenlight/config';
import type { JobName } from '../queue.constants';
import { OUTBOX_JOB, OUTBOXES, OutboxName, SqlExecutor } from './outbox.constants';

/** One claimed row and the job it becomes. */
export interface RelayedRow {
  id: string;
  /** Undefined for a row nobody knows how to relay: it stays, postponed, with the error on it. */
  job: JobName | undefined;
  payload: unknown;
}

/**
 * An outbox-like table that `OutboxRelay` moves into BullMQ: a service's outbox, or the message log.
 * Rows are claimed inside the relay's transaction (FOR UPDATE SKIP LOCKED) and then marked published, or
 * postponed when Redis refused them, in that same transaction.
 */
export interface RelaySource {
  /** For logs and the LISTEN connection's application name. */
  readonly name: string;
  /** The NOTIFY channel a writing transaction signals on commit; the relay also polls every `pollMs`. */
  readonly channel: string;
  readonly pollMs: number;
  claim(sql: SqlExecutor, limit: number): Promise<RelayedRow[]>;
  markPublished(sql: SqlExecutor, ids: string[]): Promise<void>;
  /** `failures`: how many batches in a row Redis has refused before this one (for a relay-wide backoff). */
  postpone(sql: SqlExecutor, ids: string[], error: string, failures: number): Promise<void>;
  /** Runs after a drain that Redis accepted; answers true when it put rows back to relay again. */
  afterDrain?(): Promise<boolean>;
}

const FIRST_BACKOFF_MS = 500;

/** The backoff of the n-th refused attempt: 0.5 s, 1 s, 2 s … capped at OUTBOX_BACKOFF_MAX_MS. */
export const backoffMs = (config: AppConfig, failures: number) =>
  Math.min(config.OUTBOX_BACKOFF_MAX_MS, FIRST_BACKOFF_MS * 2 ** failures);

/** A service's outbox table (`OUTBOXES`): events by type, each row backed off by its own attempts. */
export function outboxTable(outbox: OutboxName, config: AppConfig): RelaySource {
  const { table, channel } = OUTBOXES[outbox];
  return {
    name: outbox,
    channel,
    pollMs: config.OUTBOX_POLL_MS,
    async claim(sql, limit) {
      const rows = (await sql.query(
        `SELECT id, type, payload FROM ${table}
          WHERE published_at IS NULL AND next_attempt_at <= now()
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      )) as { id: string; type: keyof typeof OUTBOX_JOB; payload: unknown }[];
      return rows.map((row) => ({ id: row.id, job: OUTBOX_JOB[row.type], payload: row.payload }));
    },
    async markPublished(sql, ids) {
      await sql.query(
        `UPDATE ${table} SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1)`,
        [ids],
      );
    },
    async postpone(sql, ids, error) {
      await sql.query(
        `UPDATE ${table}
            SET attempts = attempts + 1, last_error = $2,
                next_attempt_at = now() + LEAST($3::float8, $4::float8 * power(2, attempts)) * interval '1 millisecond'
          WHERE id = ANY($1)`,
        [ids, error.slice(0, 500), config.OUTBOX_BACKOFF_MAX_MS, FIRST_BACKOFF_MS],
      );
    },
  };
}
