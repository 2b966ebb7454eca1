import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig, InjectConfig } from '@greenlight/config';
import {
  JobName,
  JobProducer,
  QueueName,
  RunReminderRulesPayload,
  startWorker,
  WORKER_OPTIONS,
} from '@greenlight/queue';
import { ReminderRuleService, RuleRunOutcome } from './reminder-rule.service';

export const REMINDER_RULES_SCHEDULER = 'reminder-rules';

/**
 * The reminders queue's consumer, where progress runs and WORKER_QUEUES includes `reminders`. It also
 * upserts the job scheduler: every such process does, and BullMQ keeps one scheduler per id. A run whose
 * worker dies is found stalled and run again; the dedupe keys make the second run send only what the
 * first did not write.
 */
@Processor(QueueName.Reminders, WORKER_OPTIONS)
export class ReminderRulesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderRulesProcessor.name);

  constructor(
    private readonly rules: ReminderRuleService,
    private readonly producer: JobProducer,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerQueues.includes(QueueName.Reminders)) return;
    await this.producer
      .schedule(REMINDER_RULES_SCHEDULER, this.config.REMINDER_RULES_EVERY_MS, JobName.RunReminderRules, {
        moduleSlug: null,
      })
      .catch((error: Error) => this.logger.warn(`Could not schedule the reminder rules: ${error.message}`));
    startWorker(this.worker, this.config, QueueName.Reminders);
  }

  async process(job: Job<RunReminderRulesPayload>): Promise<RuleRunOutcome[]> {
    if (job.name !== JobName.RunReminderRules) {
      this.logger.warn(`Skipping unknown job "${job.name}" on ${QueueName.Reminders}`);
      return [];
    }
    return this.rules.run(job.data.moduleSlug);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`Reminder rules run ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`reminders worker: ${error.message}`);
  }
}
