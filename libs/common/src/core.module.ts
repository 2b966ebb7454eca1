import { Module } from '@nestjs/common';
import { ConfigModule } from '@greenlight/config';
import { DatabaseModule } from '@greenlight/database';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics';
import { RedisModule } from './redis/redis.module';

/** What every Greenlight process needs: validated config, logs, PostgreSQL, Redis, /api/health and /api/metrics. */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, HealthModule, MetricsModule],
})
export class CoreModule {}
