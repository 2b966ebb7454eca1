import { Module } from '@nestjs/common';
import { CertificateCoreModule } from './certificate-core.module';
import { CertificatesController } from './certificates/certificates.controller';
import { CertificatesService } from './certificates/certificates.service';
import { VerificationController } from './certificates/verification.controller';

/** Certificate routes: list, PDF, credential, verify, revoke, reissue, transcript, JWKS. */
@Module({
  imports: [CertificateCoreModule],
  controllers: [CertificatesController, VerificationController],
  providers: [CertificatesService],
})
export class CertificateModule {}
