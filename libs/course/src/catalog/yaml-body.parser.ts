import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { BODY_LIMIT } from '@greenlight/common';

const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];

/** Lets authors POST/PUT module documents as YAML, the format of the files in content/. */
@Injectable()
export class YamlBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // Absent in a CLI application context, which has no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || fastify.hasContentTypeParser(YAML_TYPES[0])) return;
    fastify.addContentTypeParser(YAML_TYPES, { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
      try {
        done(null, parse(body as string));
      } catch (error) {
        done(
          Object.assign(new Error(`The YAML body could not be read: ${(error as Error).message}`), { statusCode: 400 }),
        );
      }
    });
  }
}
