import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { CourseModule } from '@greenlight/course';
import { QueueModule } from '@greenlight/queue';

/** The course service on its own, for scaling out behind the reverse proxy. */
@Module({ imports: [CoreModule, QueueModule, AuthModule, CourseModule] })
export class CourseAppModule {}
