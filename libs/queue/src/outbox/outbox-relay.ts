import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@greenlight/config';
import { JobProducer } from '../job-producer';
import { JobName, OutboxEventType, QUEUE_OF } from '../queue.constants';
import { OUTBOX_JOB, OUTBOXES, OutboxName } from './outbox.constants';

interface OutboxRow {
  id: string;
  type: OutboxEventType;
  payload: never;
}

export interface RelayOutcome {
  published: number;
  failed: number;
}

/** How long one hand-over to Redis may take before the batch is given back for a later retry. */
const PUBLISH_TIMEOUT_MS = 5000;
const BATCH_SIZE = 200;
const FIRST_BACKOFF_MS = 500;
const RELISTEN_DELAY_MS = 1000;

/**
 * Moves one service's outbox rows into BullMQ (built per outbox by `OutboxRelayModule.forOutbox`).
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of relays (one per process of the
 * service) share the work without handing a row over twice at the same time; a row is marked
 * published only after BullMQ accepted its job, and the job id comes from the business key, so a crash between the two only re-adds a job BullMQ already has. When Redis is down
 * the batch stays unpublished and is retried with exponential backoff. The relay wakes on NOTIFY from
 * the completing transaction and also polls, so a lost notification only delays a row.
 */
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly table: string;
  private readonly channel: string;
  private listener?: Client;
  private pollTimer?: NodeJS.Timeout;
  private relistenTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    outbox: OutboxName,
    private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {
    ({ table: this.table, channel: this.channel } = OUTBOXES[outbox]);
    this.logger = new Logger(`${OutboxRelay.name}:${outbox}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.OUTBOX_RELAY) return;
    await this.listen();
    this.pollTimer = setInterval(() => this.wake(), this.config.OUTBOX_POLL_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.relistenTimer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Starts a drain, or asks the running one to go round once more (something new may have arrived). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: Error) => this.logger.warn(`Outbox relay pass failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Publishes batches until nothing is due or Redis refuses one. */
  async drain(): Promise<void> {
    for (;;) {
      const outcome = await this.relayBatch();
      if (outcome.failed || outcome.published < BATCH_SIZE) return;
    }
  }

  /** One claimed batch, handed to BullMQ and marked published, or given back with a later retry time. */
  async relayBatch(batchSize = BATCH_SIZE): Promise<RelayOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows: OutboxRow[] = await runner.query(
        `SELECT id, type, payload FROM ${this.table}
          WHERE published_at IS NULL AND next_attempt_at <= now()
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      if (!rows.length) {
        await runner.commitTransaction();
        return { published: 0, failed: 0 };
      }
      const ids = rows.map((row) => row.id);
      let outcome: RelayOutcome;
      try {
        await withTimeout(this.publish(rows), PUBLISH_TIMEOUT_MS);
        await runner.query(
          `UPDATE ${this.table} SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1)`,
          [ids],
        );
        outcome = { published: rows.length, failed: 0 };
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        await runner.query(
          `UPDATE ${this.table}
              SET attempts = attempts + 1, last_error = $2,
                  next_attempt_at = now() + LEAST($3::float8, $4::float8 * power(2, attempts)) * interval '1 millisecond'
            WHERE id = ANY($1)`,
          [ids, message.slice(0, 500), this.config.OUTBOX_BACKOFF_MAX_MS, FIRST_BACKOFF_MS],
        );
        this.logger.warn(`Could not hand ${rows.length} outbox event(s) to the queue, will retry: ${message}`);
        outcome = { published: 0, failed: rows.length };
      }
      await runner.commitTransaction();
      return outcome;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const byJob = new Map<JobName, never[]>();
    for (const row of rows) {
      const job = OUTBOX_JOB[row.type];
      if (!job) throw new Error(`Unknown outbox event type "${row.type}" (row ${row.id})`);
      byJob.set(job, [...(byJob.get(job) ?? []), row.payload]);
    }
    for (const [job, payloads] of byJob) {
      // While Redis is away BullMQ would queue the command until it is back; fail now and retry later.
      const client = await this.producer.queue(QUEUE_OF[job]).backend.client;
      if (client.status !== 'ready') throw new Error(`the queue's Redis connection is ${client.status}`);
      await this.producer.addBulk(job, payloads);
    }
  }

  /** A dedicated connection (LISTEN needs one); it reconnects on its own after PostgreSQL restarts. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: `greenlight-outbox-${this.channel}`,
    });
    const retry = () => {
      if (this.listener !== client || this.stopped) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      this.relistenTimer = setTimeout(() => void this.listen(), RELISTEN_DELAY_MS);
    };
    client.on('notification', () => this.wake());
    client.on('error', retry);
    client.on('end', retry);
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      // Rows committed while the listener was away would otherwise wait for the next poll.
      this.wake();
    } catch (error) {
      this.logger.warn(`Outbox relay cannot LISTEN, polling only until it can: ${(error as Error).message}`);
      retry();
    }
  }
}

export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
