import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { JobName, QueueName, SendMessagePayload, startWorker, WORKER_OPTIONS } from '@greenlight/queue';
import { DeliveryOutcome, MessageDelivery } from './message-delivery.service';

/** The notifications queue's one consumer: every email, whatever its kind, is a message-log row. */
@Processor(QueueName.Notifications, WORKER_OPTIONS)
export class SendMessageProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SendMessageProcessor.name);

  constructor(
    private readonly delivery: MessageDelivery,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config, QueueName.Notifications);
  }

  async process(job: Job<SendMessagePayload>): Promise<{ outcome: DeliveryOutcome | 'ignored' }> {
    if (job.name !== JobName.SendMessage) {
      this.logger.warn(`Ignoring job ${job.name} on the notifications queue (no handler)`);
      return { outcome: 'ignored' };
    }
    return { outcome: await this.delivery.deliver(job.data) };
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<SendMessagePayload> | undefined): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    await this.delivery
      .roundFailed(job.data)
      .catch((error: Error) => this.logger.warn(`Could not give message ${job.data.messageId} back: ${error.message}`));
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`Notifications worker: ${error.message}`);
  }
}
