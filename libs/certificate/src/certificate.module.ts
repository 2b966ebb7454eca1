import { Module } from '@nestjs/common';
import { CertificateArchiveController } from './archive/certificate-archive.controller';
import { CertificateArchiveRepository } from './archive/certificate-archive.repository';
import { CertificateArchiveService } from './archive/certificate-archive.service';
import { BadgesController } from './badges/badges.controller';
import { BadgesService } from './badges/badges.service';
import { CourseReadModule } from '@greenlight/course';
import { CertificateCoreModule } from './certificate-core.module';
import { CertificatesController } from './certificates/certificates.controller';
import { CertificatesService } from './certificates/certificates.service';
import { VerificationController } from './certificates/verification.controller';
import { VerifyRateLimiter } from './certificates/verify-rate-limiter';
import { StatusListsController } from './status-lists/status-lists.controller';
import { CredentialVerificationController } from './verifying/credential-verification.controller';
import { CredentialVerifier } from './verifying/credential-verifier.service';

/** Certificate routes: list, PDF, credential, verify, revoke, reissue, transcript; issuer, keys, status lists, badges. */
@Module({
  imports: [CertificateCoreModule, CourseReadModule],
  controllers: [
    CertificatesController,
    VerificationController,
    StatusListsController,
    BadgesController,
    CertificateArchiveController,
    CredentialVerificationController,
  ],
  providers: [
    CertificatesService,
    BadgesService,
    VerifyRateLimiter,
    CertificateArchiveRepository,
    CertificateArchiveService,
    CredentialVerifier,
  ],
})
export class CertificateModule {}
