import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { JobName, jobIdFor, JobProducer, QueueName, withTimeout } from '@greenlight/queue';
import { MessageRepository } from './message.repository';

const BATCH_SIZE = 200;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 60_000;
/** How long one hand-over to Redis may take before the batch is given back for a later retry. */
const PUBLISH_TIMEOUT_MS = 5000;

/**
 * Moves pending messages onto the notifications queue, like the progress outbox relay: rows are claimed
 * with FOR UPDATE SKIP LOCKED (one relay per process, no row handed over twice at once), marked queued
 * only after BullMQ took the job, and the job id is the row's id and round, so a crash in between only
 * re-adds a job BullMQ already holds. While Redis is down rows stay pending and are tried again with
 * backoff. Rows queued long ago and still unsent whose job Redis no longer has (it lost it) go back for a
 * new round. It polls every MESSAGES_POLL_MS, and `wake()` is called after a send outside a transaction.
 */
@Injectable()
export class MessageRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MessageRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private failures = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly messages: MessageRepository,
    private readonly producer: JobProducer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.OUTBOX_RELAY) return;
    this.timer = setInterval(() => this.wake(), this.config.MESSAGES_POLL_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  wake(): void {
    if (this.stopped || !this.config.OUTBOX_RELAY) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: Error) => this.logger.warn(`Message relay pass failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Relays batches until none is due or Redis refuses one, then gives lost jobs a new round. */
  async drain(): Promise<void> {
    for (;;) {
      const relayed = await this.relayBatch();
      if (relayed < BATCH_SIZE) break;
    }
    await this.requeueLost();
  }

  /** One claimed batch handed to BullMQ; answers how many went (0 when Redis refused them). */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.messages.claimDue(manager, BATCH_SIZE);
      if (!rows.length) return 0;
      const ids = rows.map((row) => row.id);
      try {
        await this.assertQueueReady();
        await withTimeout(
          this.producer.addBulk(
            JobName.SendMessage,
            rows.map((row) => ({ messageId: row.id, round: row.round })),
          ),
          PUBLISH_TIMEOUT_MS,
        );
        await this.messages.markQueued(manager, ids);
        this.failures = 0;
        return rows.length;
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        const delay = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** this.failures++);
        await this.messages.postpone(manager, ids, delay, message);
        this.logger.warn(`Could not hand ${rows.length} message(s) to the queue, will retry: ${message}`);
        return 0;
      }
    });
  }

  private async requeueLost(): Promise<void> {
    const stale = await this.messages.staleQueued(this.config.MESSAGES_REQUEUE_AFTER_S * 1000, BATCH_SIZE);
    if (!stale.length) return;
    await this.assertQueueReady();
    const queue = this.producer.queue(QueueName.Notifications);
    for (const row of stale) {
      const job = await queue.getJob(jobIdFor[JobName.SendMessage]({ messageId: row.id, round: row.round }));
      // A job still waiting, delayed or running is on its way; only a vanished one is given a new round.
      if (job && !(await job.isFailed()) && !(await job.isCompleted())) continue;
      this.logger.warn(`Message ${row.id} was queued but its job is gone; relaying it again`);
      await this.messages.giveBack(row.id, row.round, 0);
      this.again = true;
    }
  }

  /** While Redis is away BullMQ would hold the command until it is back; fail now and retry later. */
  private async assertQueueReady(): Promise<void> {
    const client = await this.producer.queue(QueueName.Notifications).backend.client;
    if (client.status !== 'ready') throw new Error(`the queue's Redis connection is ${client.status}`);
  }
}
