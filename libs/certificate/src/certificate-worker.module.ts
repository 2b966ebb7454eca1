import { MessagesWorkerModule } from '@greenlight/messages';
import { Module } from '@nestjs/common';
import { JobDispatchModule, QueueName } from '@greenlight/queue';
import { CertificateCoreModule } from './certificate-core.module';
import { IssueCertificateProcessor } from './worker/issue-certificate.processor';

/** The BullMQ processor that issues certificates, and the messages worker that emails them (queues chosen by WORKER_QUEUES). */
@Module({
  imports: [CertificateCoreModule, MessagesWorkerModule, JobDispatchModule.forQueue(QueueName.Certificates)],
  providers: [IssueCertificateProcessor],
})
export class CertificateWorkerModule {}
