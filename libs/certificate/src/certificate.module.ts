import { Module } from '@nestjs/common';

/** Certificate routes: list, PDF, credential, verify, revoke, reissue (issue: certificate service). */
@Module({})
export class CertificateModule {}
