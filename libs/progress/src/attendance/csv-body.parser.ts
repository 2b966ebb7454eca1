import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { BODY_LIMIT } from '@greenlight/common';

/** Lets staff POST an attendance export as it is (text/csv), besides JSON and a multipart upload. */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || fastify.hasContentTypeParser('text/csv')) return;
    fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 5 * BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
  }
}
