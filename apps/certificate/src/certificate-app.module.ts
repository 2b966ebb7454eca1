import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { CertificateModule } from '@greenlight/certificate';
import { QueueModule } from '@greenlight/queue';

/** The certificate service on its own, for scaling out behind the reverse proxy. */
@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateModule] })
export class CertificateAppModule {}
