import { createServer, Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS_CONNECTION } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';

const TIMEOUT_MS = 1500;

/**
 * The worker has no HTTP API, but orchestrators still need to know it is alive: when WORKER_HEALTH_PORT
 * is set it answers GET /api/health like the other apps (200, or 503 naming the dependency that is down).
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.WORKER_HEALTH_PORT;
    if (!port) return;
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || !['/api/health', '/health'].includes(request.url?.split('?')[0] ?? '')) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404}');
        return;
      }
      void this.checks().then((checks) => {
        const ok = Object.values(checks).every((state) => state === 'up');
        response
          .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: ok ? 'ok' : 'error', checks }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, this.config.HOST, resolve));
    new Logger('Worker').log(`Health on port ${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  async checks(): Promise<{ database: 'up' | 'down'; redis: 'up' | 'down' }> {
    const [database, redis] = await Promise.all([within(this.dataSource.query('SELECT 1')), within(this.redis.ping())]);
    return { database, redis };
  }
}

async function within(probe: Promise<unknown>): Promise<'up' | 'down'> {
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref());
  try {
    await Promise.race([probe, timeout]);
    return 'up';
  } catch {
    return 'down';
  }
}
