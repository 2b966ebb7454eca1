import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@greenlight/config';
import { listenTo } from '@greenlight/database';
import { JobProducer } from '../job-producer';
import { JobName, QUEUE_OF, QueueName } from '../queue.constants';
import type { RelayedRow, RelaySource } from './relay-source';

export interface RelayOutcome {
  published: number;
  failed: number;
}

/** How long one hand-over to Redis may take before the batch is given back for a later retry. */
const PUBLISH_TIMEOUT_MS = 5000;
const BATCH_SIZE = 200;

/**
 * The one relay mechanism: moves the rows of an outbox-like table (a `RelaySource`: each service's outbox
 * through `OutboxRelayModule.forOutbox`, the message log through libs/messages' `MessageRelay`) into BullMQ.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of relays (one per process of the
 * service) share the work without handing a row over twice at the same time; a row is marked
 * published only after BullMQ accepted its job, and the job id comes from the business key, so a crash
 * between the two only re-adds a job BullMQ already has. When Redis is down the batch stays unpublished
 * and is retried with exponential backoff. The relay wakes on NOTIFY from the writing transaction and
 * also polls, so a lost notification only delays a row.
 */
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private stopListening?: () => Promise<void>;
  private pollTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  /** Batches Redis refused in a row, for sources that back off relay-wide. */
  private failures = 0;

  constructor(
    private readonly source: RelaySource,
    private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {
    this.logger = new Logger(`${OutboxRelay.name}:${source.name}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.OUTBOX_RELAY) return;
    this.stopListening = listenTo({
      connectionString: this.config.DATABASE_URL,
      channel: this.source.channel,
      applicationName: `greenlight-relay-${this.source.channel}`,
      onNotify: () => this.wake(),
      // Rows committed while the listener was away would otherwise wait for the next poll.
      onListening: () => this.wake(),
      logger: this.logger,
    });
    this.pollTimer = setInterval(() => this.wake(), this.source.pollMs);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    await this.running;
    await this.stopListening?.();
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

  /** Publishes batches until nothing is due or Redis refuses one, then runs the source's after-drain step. */
  async drain(): Promise<void> {
    for (;;) {
      const outcome = await this.relayBatch();
      if (outcome.failed) return;
      if (outcome.published < BATCH_SIZE) break;
    }
    if (await this.source.afterDrain?.()) this.again = true;
  }

  /** One claimed batch, handed to BullMQ and marked published, or given back with a later retry time. */
  async relayBatch(batchSize = BATCH_SIZE): Promise<RelayOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows = await this.source.claim(runner, batchSize);
      if (!rows.length) {
        await runner.commitTransaction();
        return { published: 0, failed: 0 };
      }
      const ids = rows.map((row) => row.id);
      let outcome: RelayOutcome;
      try {
        await withTimeout(this.publish(rows), PUBLISH_TIMEOUT_MS);
        await this.source.markPublished(runner, ids);
        this.failures = 0;
        outcome = { published: rows.length, failed: 0 };
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        await this.source.postpone(runner, ids, message, this.failures++);
        this.logger.warn(`Could not hand ${rows.length} row(s) to the queue, will retry: ${message}`);
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

  private async publish(rows: RelayedRow[]): Promise<void> {
    const byJob = new Map<JobName, never[]>();
    for (const row of rows) {
      if (!row.job) throw new Error(`row ${row.id} of ${this.source.name} names no job (an unknown event type)`);
      byJob.set(row.job, [...(byJob.get(row.job) ?? []), row.payload as never]);
    }
    for (const [job, payloads] of byJob) {
      await assertQueueReady(this.producer, QUEUE_OF[job]);
      await this.producer.addBulk(job, payloads);
    }
  }
}

/** While Redis is away BullMQ would hold a command until it is back; fail now and retry later instead. */
export async function assertQueueReady(producer: JobProducer, queue: QueueName): Promise<void> {
  const client = await producer.queue(queue).backend.client;
  if (client.status !== 'ready') throw new Error(`the queue's Redis connection is ${client.status}`);
}

export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
