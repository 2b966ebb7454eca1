import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CertificateModule, CertificateWorkerModule } from '@greenlight/certificate';
import { CoreModule } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import { CourseModule } from '@greenlight/course';
import { MessagesModule } from '@greenlight/messages';
import { ProgressModule } from '@greenlight/progress';
import { QueueModule } from '@greenlight/queue';

/** Every service, and (unless RUN_WORKER=false) the certificate worker, in one process. */
@Module({})
export class PlatformModule {
  static register(config: Pick<AppConfig, 'RUN_WORKER'>): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        CoreModule,
        QueueModule,
        AuthModule,
        CourseModule,
        ProgressModule,
        CertificateModule,
        MessagesModule,
        ...(config.RUN_WORKER ? [CertificateWorkerModule] : []),
      ],
    };
  }
}
