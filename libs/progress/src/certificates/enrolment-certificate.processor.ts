import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, JobPayload, QueueName } from '@greenlight/queue';
import { EnrolmentCertificateRepository } from './enrolment-certificate.repository';

/**
 * Consumes `progress-events`: the certificate service tells progress which certificate an enrolment
 * holds (issued, revoked, superseded), so reports can print the live serial without reading its schema.
 */
@Processor(QueueName.ProgressEvents)
export class EnrolmentCertificateProcessor extends WorkerHost {
  private readonly logger = new Logger(EnrolmentCertificateProcessor.name);

  constructor(private readonly certificates: EnrolmentCertificateRepository) {
    super();
  }

  async process(job: Job): Promise<void> {
    if (job.name !== JobName.RecordCertificateForEnrolment) {
      this.logger.warn(`Skipping unknown job "${job.name}" on ${QueueName.ProgressEvents}`);
      return;
    }
    const fact = job.data as JobPayload[JobName.RecordCertificateForEnrolment];
    const outcome = await this.certificates.upsert(fact);
    // A missing enrolment will not appear by retrying; an older fact is simply superseded.
    if (outcome === 'no_enrolment')
      this.logger.warn(`Certificate ${fact.certificateId}: no enrolment ${fact.enrolmentId}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`Job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
  }

  /** Redis restarting: BullMQ reconnects by itself; a warning instead of an unhandled error event. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`progress-events worker: ${error.message}`);
  }
}
