import { JobName, JobOf, JobProcessor, ProcessesJob } from '@greenlight/queue';
import { DeliveryOutcome, MessageDelivery } from './message-delivery.service';

/** `send-message` jobs on `notifications`: every email, whatever its kind, is a message-log row. */
@ProcessesJob(JobName.SendMessage)
export class SendMessageProcessor implements JobProcessor<JobName.SendMessage> {
  constructor(private readonly delivery: MessageDelivery) {}

  async process(job: JobOf<JobName.SendMessage>): Promise<{ outcome: DeliveryOutcome }> {
    return { outcome: await this.delivery.deliver(job.data) };
  }

  /** A round's retries ran out (the SMTP server stayed down): the message waits for a later round. */
  exhausted(job: JobOf<JobName.SendMessage>): Promise<void> {
    return this.delivery.roundFailed(job.data);
  }
}
