import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { apiDocument, useApiPrefix } from '@greenlight/common';
import { PlatformModule } from './platform.module';

/**
 * The platform's OpenAPI document, read from the routes' decorators alone: Nest's preview mode builds the
 * module graph without creating any provider, so no database, Redis or configuration is needed.
 * `npm run openapi` commits it as apps/web/src/api/openapi.json, where the web's types come from.
 */
export async function platformApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(PlatformModule.register({ RUN_WORKER: false }), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  useApiPrefix(app);
  const document = apiDocument(app, 'platform');
  await app.close();
  return document;
}

/** The document as the committed file holds it. */
export function apiDocumentText(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
