import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { ProgressModule } from '@greenlight/progress';
import { QueueModule } from '@greenlight/queue';

/** The progress service on its own, for scaling out behind the reverse proxy. */
@Module({ imports: [CoreModule, QueueModule, AuthModule, ProgressModule] })
export class ProgressAppModule {}
