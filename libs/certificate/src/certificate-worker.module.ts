import { Module } from '@nestjs/common';
import { CertificateCoreModule } from './certificate-core.module';
import { IssueCertificateProcessor } from './worker/issue-certificate.processor';
import { SendCertificateIssuedProcessor } from './worker/send-certificate-issued.processor';

/** The BullMQ processors that issue certificates and send notifications (queues chosen by WORKER_QUEUES). */
@Module({
  imports: [CertificateCoreModule],
  providers: [IssueCertificateProcessor, SendCertificateIssuedProcessor],
})
export class CertificateWorkerModule {}
