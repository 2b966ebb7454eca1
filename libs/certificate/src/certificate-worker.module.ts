import { Module } from '@nestjs/common';

/** The BullMQ processors that issue certificates and send notifications. */
@Module({})
export class CertificateWorkerModule {}
