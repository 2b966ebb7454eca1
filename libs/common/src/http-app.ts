import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { DynamicModule, INestApplication, Logger, StandardSchemaValidationPipe, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { RawServerDefault } from 'fastify';
import helmet from 'helmet';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants as zlib } from 'node:zlib';
import { AppConfig } from '@greenlight/config';
import { HttpExceptionFilter } from './http-exception.filter';
import { logRequests } from './logging/request-log';
import { apiDocument, useApiPrefix } from './openapi/api-document';

export const BODY_LIMIT = 1024 * 1024;
/**
 * Answers smaller than this go out as they are: the API's hot paths (progress writes, small reads) answer a
 * few hundred bytes, where compressing costs CPU and saves less than a packet. Lists, modules and pages are larger.
 */
export const COMPRESS_MIN_BYTES = 2048;
const SHUTDOWN_GRACE_MS = 10_000;

export interface HttpAppOptions {
  title: string;
  /** Called on the Fastify instance before Nest registers routes (the platform serves the web app here). */
  beforeInit?: (app: NestFastifyApplication) => Promise<void> | void;
}

/**
 * Builds a Fastify-backed Nest application with everything every Greenlight app shares:
 * security headers, cookies, the 1 MB body limit, validation, the error shape and the docs.
 */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  config: AppConfig,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    trustProxy: trustedHops(config.TRUST_PROXY),
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const header = req.headers['x-request-id'];
      return typeof header === 'string' && /^[\w-]{1,100}$/.test(header) ? header : randomUUID();
    },
    requestIdHeader: false,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));

  const fastify = app.getHttpAdapter().getInstance();
  logRequests(fastify, () => PinoLogger.root);
  // Every answer carries its request id and the security headers (the same for every request: computed once).
  const headers = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', request.id);
    done();
  });
  acceptEmptyJsonBodies(app);
  // Brotli at quality 4 (zlib's default of 11 takes tens of milliseconds on a page); gzip for the rest.
  // Responses that already carry a Content-Encoding (the web build's .br/.gz files) are left alone.
  await app.register(compress, {
    threshold: COMPRESS_MIN_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 5 * BODY_LIMIT, files: 1 } });

  useApiPrefix(app);
  app.useGlobalPipes(new StandardSchemaValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  await options.beforeInit?.(app);

  const document = apiDocument(app, options.title);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes the function Fastify itself builds from a number
 * (believe the `hops` nearest entries of X-Forwarded-For), which its option types do not list.
 */
function trustedHops(trust: AppConfig['TRUST_PROXY']) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/**
 * Many HTTP clients send `content-type: application/json` with no body on a POST that takes none (publish,
 * logout, revoke without a reason). Fastify refuses that with 400 "Body cannot be empty"; API.md asks for
 * the same answer as no body at all, so an empty body parses to nothing and the route's own rules decide.
 */
function acceptEmptyJsonBodies(app: NestFastifyApplication): void {
  const parseJson = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: BODY_LIMIT }, (request, body, done) => {
    const text = body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, done);
  });
}

/**
 * helmet's headers for our policy. None of them depends on the request (no CSP nonce), so helmet runs
 * once, at boot, against a response that only records what it sets; each request then gets the record.
 */
function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let finished = false;
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        frameSrc: ["'self'", 'https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
      },
    },
  })({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not set its headers synchronously');
  return headers;
}

/** Listens, and on SIGTERM/SIGINT stops accepting, lets in-flight requests finish, and exits within 10 s. */
export async function listen(app: INestApplication, config: AppConfig): Promise<void> {
  await app.listen(config.PORT, config.HOST);
  const logger = new Logger('Bootstrap');
  logger.log(`Greenlight listening on ${config.PUBLIC_URL} (port ${config.PORT})`);
  exitWithin(SHUTDOWN_GRACE_MS);
}

/** Nest closes the app on signals (enableShutdownHooks); this only makes sure a stuck close cannot hang the process. */
export function exitWithin(ms: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(0), ms).unref());
  }
}
