import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { JobName, ModuleCompletedPayload, QueueName, startWorker, WORKER_OPTIONS } from '@greenlight/queue';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';

/**
 * Consumes `certificates`: dispatches each job to the issuing service and nothing else. A skipped job
 * (no such member or module version, certificates off) is logged and completed, not retried; any other
 * failure is thrown so BullMQ retries it with exponential backoff and keeps it when attempts run out.
 */
@Processor(QueueName.Certificates, WORKER_OPTIONS)
export class IssueCertificateProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(IssueCertificateProcessor.name);

  constructor(
    private readonly issuing: CertificateIssuingService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config, QueueName.Certificates);
  }

  async process(job: Job<ModuleCompletedPayload>): Promise<{ outcome: string; serial?: string }> {
    if (job.name !== JobName.IssueCertificate) {
      this.logger.warn(`Ignoring unknown job ${job.name} (${job.id}) on ${QueueName.Certificates}`);
      return { outcome: 'ignored' };
    }
    const result = await this.issuing.issue(job.data);
    if (result.outcome === 'skipped') {
      this.logger.warn(`Skipped ${job.id}: ${result.reason}`);
      return { outcome: 'skipped' };
    }
    return { outcome: result.outcome, serial: result.certificate.serial };
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`Job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
  }

  /** Connection trouble (Redis restarting): BullMQ reconnects by itself; say so once in the log. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`Certificates worker: ${error.message}`);
  }
}
