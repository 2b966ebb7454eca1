import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';
import { AppConfig, APP_CONFIG } from '@greenlight/config';

export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

export function createRedis(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest: null; offline commands fail fast so health and relays notice an outage.
  return new IORedis(url, { maxRetriesPerRequest: null, enableOfflineQueue: false, lazyConnect: false });
}

/** One shared ioredis connection per process, for health checks and anything that is not a BullMQ worker. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const redis = createRedis(config.REDIS_URL);
        redis.on('error', () => undefined); // reported by /api/health; ioredis keeps reconnecting
        return redis;
      },
    },
  ],
  exports: [REDIS_CONNECTION],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CONNECTION) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
