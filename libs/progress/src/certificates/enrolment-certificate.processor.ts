import { Logger } from '@nestjs/common';
import { JobName, JobOf, JobProcessor, ProcessesJob } from '@greenlight/queue';
import { EnrolmentCertificateRepository } from './enrolment-certificate.repository';

/**
 * `record-certificate-for-enrolment` jobs on `progress-events`: the certificate service tells progress which
 * certificate an enrolment holds (issued, revoked, superseded), so reports can print the live serial
 * without reading its schema.
 */
@ProcessesJob(JobName.RecordCertificateForEnrolment)
export class EnrolmentCertificateProcessor implements JobProcessor<JobName.RecordCertificateForEnrolment> {
  private readonly logger = new Logger(EnrolmentCertificateProcessor.name);

  constructor(private readonly certificates: EnrolmentCertificateRepository) {}

  async process({ data: fact }: JobOf<JobName.RecordCertificateForEnrolment>): Promise<void> {
    const outcome = await this.certificates.upsert(fact);
    // A missing enrolment will not appear by retrying; an older fact is simply superseded.
    if (outcome === 'no_enrolment')
      this.logger.warn(`Certificate ${fact.certificateId}: no enrolment ${fact.enrolmentId}`);
  }
}
