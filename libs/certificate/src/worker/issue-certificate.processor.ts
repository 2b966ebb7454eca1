import { Logger } from '@nestjs/common';
import { JobName, JobOf, JobProcessor, ProcessesJob } from '@greenlight/queue';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';

/**
 * `issue-certificate` jobs, dispatched by the `certificates` queue's dispatcher, go to the issuing service
 * and nothing else. A skipped job (no such member or module version, certificates off) is logged and
 * completed, not retried; any other failure is thrown so BullMQ retries it with exponential backoff and
 * keeps it when attempts run out.
 */
@ProcessesJob(JobName.IssueCertificate)
export class IssueCertificateProcessor implements JobProcessor<JobName.IssueCertificate> {
  private readonly logger = new Logger(IssueCertificateProcessor.name);

  constructor(private readonly issuing: CertificateIssuingService) {}

  async process(job: JobOf<JobName.IssueCertificate>): Promise<{ outcome: string; serial?: string }> {
    const result = await this.issuing.issue(job.data);
    if (result.outcome === 'skipped') {
      this.logger.warn(`Skipped ${job.id}: ${result.reason}`);
      return { outcome: 'skipped' };
    }
    return { outcome: result.outcome, serial: result.certificate.serial };
  }
}
