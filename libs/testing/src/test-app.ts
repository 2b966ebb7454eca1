import { DynamicModule, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { createHttpApp } from '@greenlight/common';
import { AppConfig, loadConfig } from '@greenlight/config';
import { createTestDatabase, TestDatabase } from './test-database';
import { TEST_REDIS_URL } from './test-env';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  db: TestDatabase;
  config: AppConfig;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<HttpResult<T>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment for this app (e.g. REDIS_URL of a SpareRedis, RUN_WORKER). */
  env?: Record<string, string>;
  /** Another test app's database, to run a second process against the same data. */
  db?: TestDatabase;
}

/**
 * Boots an app exactly as its main.ts does (same HTTP setup, same modules) on a fresh migrated
 * database and a private queue prefix, listening on a random loopback port.
 */
export async function startTestApp(
  moduleFactory: (config: AppConfig) => Type<unknown> | DynamicModule,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'gl-test-'));
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '8',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `gltest-${randomBytes(4).toString('hex')}`,
    AUTH_RATE_LIMIT: '10000',
    VERIFY_RATE_LIMIT: '10000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    CERT_STORAGE_DIR: join(dataDir, 'certificates'),
    RUN_WORKER: 'false',
    IMPORT_CONTENT_DIR: 'none',
    ...options.env,
  };
  // Modules read the environment once while the app is created; it is put back right after.
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  let app: NestFastifyApplication;
  let config: AppConfig;
  try {
    config = loadConfig();
    app = await createHttpApp(moduleFactory(config), config, { title: 'test' });
    await app.listen(0, '127.0.0.1').catch(async (error: unknown) => {
      // An app that fails to boot (a test of a boot check) still holds connections: free them.
      await app.close().catch(() => undefined);
      if (!options.db) await db.drop();
      throw error;
    });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;

  return {
    app,
    url,
    db,
    config,
    async request(method, path, { token, body, rawBody, headers = {} } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
      if (body !== undefined) {
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
        init.body = JSON.stringify(body);
      } else if (rawBody !== undefined) {
        init.body = typeof rawBody === 'string' ? rawBody : new Uint8Array(rawBody);
      }
      const response = await fetch(url + path, init);
      const text = await response.text();
      let parsed: unknown = text;
      if (response.headers.get('content-type')?.includes('json')) parsed = text ? JSON.parse(text) : undefined;
      return { status: response.status, body: parsed as never, text, headers: response.headers };
    },
    async close() {
      await app.close();
      const redis = new IORedis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
      try {
        await redis.connect();
        const keys = await redis.keys(`${config.QUEUE_PREFIX}:*`);
        if (keys.length) await redis.del(...keys);
      } catch {
        // A test that took Redis away cleans up its own spare server.
      } finally {
        redis.disconnect();
      }
      if (!options.db) await db.drop();
    },
  };
}
