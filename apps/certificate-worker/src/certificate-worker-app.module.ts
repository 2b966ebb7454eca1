import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { CertificateWorkerModule } from '@greenlight/certificate';
import { QueueModule } from '@greenlight/queue';
import { WorkerHealthServer } from './worker-health.server';

/** The certificate worker on its own: consumes the queues named in WORKER_QUEUES, serves no API. */
@Module({
  imports: [CoreModule, QueueModule, AuthModule, CertificateWorkerModule],
  providers: [WorkerHealthServer],
})
export class CertificateWorkerAppModule {}
