import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, InjectConfig } from '@greenlight/config';
import {
  assertQueueReady,
  backoffMs,
  JobName,
  jobIdFor,
  JobProducer,
  OutboxRelay,
  QueueName,
  RelaySource,
  SqlExecutor,
} from '@greenlight/queue';
import { MESSAGES_CHANNEL, MessageRepository } from './message.repository';

const REQUEUE_BATCH = 200;

/**
 * The message log as an outbox: pending rows become `send-message` jobs (id `message-<id>-<round>`, so a
 * crash between add and mark only re-adds a job BullMQ holds), marked queued in the claiming transaction.
 * While Redis is down they stay pending and back off relay-wide. After each drain, rows queued long ago
 * and still unsent whose job Redis no longer has (it lost it) go back for a new round.
 */
class MessageLog implements RelaySource {
  readonly name = 'messages';
  readonly channel = MESSAGES_CHANNEL;
  readonly pollMs: number;
  private readonly logger = new Logger(MessageRelay.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {
    this.pollMs = config.MESSAGES_POLL_MS;
  }

  async claim(sql: SqlExecutor, limit: number) {
    const rows = await this.messages.claimDue(sql, limit);
    return rows.map((row) => ({
      id: row.id,
      job: JobName.SendMessage,
      payload: { messageId: row.id, round: row.round },
    }));
  }

  markPublished(sql: SqlExecutor, ids: string[]): Promise<void> {
    return this.messages.markQueued(sql, ids);
  }

  postpone(sql: SqlExecutor, ids: string[], error: string, failures: number) {
    return this.messages.postpone(sql, ids, backoffMs(this.config, failures), error);
  }

  async afterDrain(): Promise<boolean> {
    const stale = await this.messages.staleQueued(this.config.MESSAGES_REQUEUE_AFTER_S * 1000, REQUEUE_BATCH);
    if (!stale.length) return false;
    await assertQueueReady(this.producer, QueueName.Notifications);
    const queue = this.producer.queue(QueueName.Notifications);
    let gaveBack = false;
    for (const row of stale) {
      const job = await queue.getJob(jobIdFor[JobName.SendMessage]({ messageId: row.id, round: row.round }));
      // A job still waiting, delayed or running is on its way; only a vanished one is given a new round.
      if (job && !(await job.isFailed()) && !(await job.isCompleted())) continue;
      this.logger.warn(`Message ${row.id} was queued but its job is gone; relaying it again`);
      await this.messages.giveBack(row.id, row.round, 0);
      gaveBack = true;
    }
    return gaveBack;
  }
}

/** The outbox relay over the message log, in every process that writes messages (unless OUTBOX_RELAY=false). */
@Injectable()
export class MessageRelay extends OutboxRelay {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    messages: MessageRepository,
    producer: JobProducer,
    @InjectConfig() config: AppConfig,
  ) {
    super(new MessageLog(messages, producer, config), dataSource, producer, config);
  }
}
