import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@greenlight/auth';
import { AppConfig, APP_CONFIG } from '@greenlight/config';
import { CourseReadModule } from '@greenlight/course';
import { MessagesModule } from '@greenlight/messages';
import { OutboxRelayModule } from '@greenlight/queue';
import { CredentialIssuer, SIGNING_KEYS } from './credentials/credential-issuer.service';
import { loadSigningKeys } from './credentials/signing-keys';
import { ArtifactMaker, InProcessArtifactMaker } from './artifacts/certificate-artifacts';
import { ThreadedArtifactMaker } from './artifacts/threaded-artifact-maker';
import { CertificateEntity } from './issuing/certificate.entity';
import { CertificateIssuingService } from './issuing/certificate-issuing.service';
import { CertificateRepository } from './issuing/certificate.repository';
import { CertificatePdfRenderer } from './rendering/certificate-pdf.renderer';
import { StatusListRepository } from './status-lists/status-list.repository';
import { StatusListService } from './status-lists/status-list.service';
import { CertificateStorage } from './storage/certificate-storage';
import { FsCertificateStorage } from './storage/fs-certificate-storage';
import { S3CertificateStorage } from './storage/s3-certificate-storage';

export function storageFor(config: AppConfig): CertificateStorage {
  if (config.CERT_STORAGE === 'fs') return new FsCertificateStorage(config.CERT_STORAGE_DIR);
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION } = config;
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) {
    throw new Error('CERT_STORAGE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  return new S3CertificateStorage({
    endpoint: S3_ENDPOINT,
    bucket: S3_BUCKET,
    region: S3_REGION,
    accessKeyId: S3_ACCESS_KEY_ID,
    secretAccessKey: S3_SECRET_ACCESS_KEY,
  });
}

/**
 * Threads from the compiled build (`npm start`, the bench, the process tests); from the TypeScript
 * sources (jest) there is no compiled thread entry, so the artifacts are made on the main thread.
 */
export function artifactMakerFor(config: AppConfig, renderer: CertificatePdfRenderer, credentials: CredentialIssuer) {
  const compiled = __filename.endsWith('.js');
  return config.CERT_THREADS > 0 && compiled
    ? new ThreadedArtifactMaker(config, config.CERT_THREADS)
    : new InProcessArtifactMaker(renderer, credentials);
}

/** What the HTTP service and the worker share: the table, rendering, storage, signing, issuing and the outbox relay. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CertificateEntity]),
    AuthModule,
    CourseReadModule,
    MessagesModule,
    OutboxRelayModule.forOutbox('certificate'),
  ],
  providers: [
    CertificateRepository,
    CertificatePdfRenderer,
    CertificateIssuingService,
    CredentialIssuer,
    StatusListRepository,
    StatusListService,
    { provide: CertificateStorage, inject: [APP_CONFIG], useFactory: storageFor },
    { provide: SIGNING_KEYS, inject: [APP_CONFIG], useFactory: loadSigningKeys },
    {
      provide: ArtifactMaker,
      inject: [APP_CONFIG, CertificatePdfRenderer, CredentialIssuer],
      useFactory: artifactMakerFor,
    },
  ],
  exports: [
    AuthModule,
    CertificateRepository,
    CertificatePdfRenderer,
    CertificateIssuingService,
    CredentialIssuer,
    CertificateStorage,
    StatusListService,
  ],
})
export class CertificateCoreModule {}
