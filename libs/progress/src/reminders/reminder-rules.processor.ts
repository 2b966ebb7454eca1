import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { JobName, JobOf, JobProcessor, JobProducer, ProcessesJob, QueueName } from '@greenlight/queue';
import { ReminderRuleService, RuleRunOutcome } from './reminder-rule.service';

export const REMINDER_RULES_SCHEDULER = 'reminder-rules';

/**
 * `run-reminder-rules` jobs on the reminders queue, consumed where progress runs and WORKER_QUEUES includes
 * `reminders`. Such a process also upserts the job scheduler: every one does, and BullMQ keeps one
 * scheduler per id. A run whose worker dies is found stalled and run again; the dedupe keys make the
 * second run send only what the first did not write.
 */
@ProcessesJob(JobName.RunReminderRules)
export class ReminderRulesProcessor implements JobProcessor<JobName.RunReminderRules>, OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderRulesProcessor.name);

  constructor(
    private readonly rules: ReminderRuleService,
    private readonly producer: JobProducer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerQueues.includes(QueueName.Reminders)) return;
    await this.producer
      .schedule(REMINDER_RULES_SCHEDULER, this.config.REMINDER_RULES_EVERY_MS, JobName.RunReminderRules, {
        moduleSlug: null,
      })
      .catch((error: Error) => this.logger.warn(`Could not schedule the reminder rules: ${error.message}`));
  }

  process(job: JobOf<JobName.RunReminderRules>): Promise<RuleRunOutcome[]> {
    return this.rules.run(job.data.moduleSlug);
  }
}
