import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiOkResponse } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { apiDocument, undescribedResponses } from '@greenlight/common';
import { apiDocumentText, platformApiDocument } from './openapi';

const COMMITTED = join(__dirname, '..', '..', 'web', 'src', 'api', 'openapi.json');

describe("the platform's OpenAPI document", () => {
  let document: Awaited<ReturnType<typeof platformApiDocument>>;
  beforeAll(async () => {
    document = await platformApiDocument();
  });

  it('is committed as apps/web/src/api/openapi.json as the routes give it (`npm run openapi` rewrites it)', () => {
    // The web's types are generated from the committed file: a stale one would let a server change past them.
    expect(readFileSync(COMMITTED, 'utf8')).toBe(apiDocumentText(document));
  });

  it("describes the body of every route's success answers", () => {
    expect(Object.keys(document.paths).length).toBeGreaterThan(60);
    expect(undescribedResponses(document)).toEqual([]);
  });

  it('names the shapes the web reads as components, with the fields API.md fixes', () => {
    const schemas = document.components!.schemas as Record<string, { required?: string[] }>;
    const required = (name: string) => schemas[name]?.required ?? [];
    expect(required('Enrolment')).toEqual(
      expect.arrayContaining(['id', 'module', 'track', 'status', 'enrolledAt', 'completedAt', 'progress', 'units']),
    );
    expect(required('Certificate')).toEqual(
      expect.arrayContaining(['id', 'serial', 'status', 'holderName', 'module', 'track', 'completedAt', 'issuedAt']),
    );
    expect(required('Certificate')).toEqual(
      expect.arrayContaining(['pdfSha256', 'verifyUrl', 'pdfUrl', 'validUntil', 'expired']),
    );
    expect(required('Verification')).toEqual(
      expect.arrayContaining(['valid', 'status', 'serial', 'holderName', 'module', 'completedAt', 'issuedAt']),
    );
    expect(required('Session')).toEqual(['user', 'accessToken']);
    expect(required('ModuleReport')).toEqual(
      expect.arrayContaining(['slug', 'enrolled', 'inProgress', 'completed', 'completionRate', 'medianDaysToComplete']),
    );
    const enrolled = document.paths['/api/me/enrolments'].get!.responses['200'] as any;
    expect(enrolled.content['application/json'].schema).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Enrolment' },
    });
  });

  it('finds a route that says nothing of what it answers', async () => {
    const described = z.object({ ok: z.boolean() }).meta({ id: 'Described' });
    @Controller('probe')
    class ProbeController {
      @Get('described')
      @ApiOkResponse({ standardSchema: described })
      described() {
        return { ok: true };
      }

      @Get('undescribed')
      @ApiOkResponse({ description: 'Something' })
      undescribed() {
        return { ok: true };
      }

      @Get('bare')
      bare() {
        return { ok: true };
      }
    }
    @Module({ controllers: [ProbeController] })
    class ProbeModule {}
    const app = await NestFactory.create(ProbeModule, new FastifyAdapter(), { preview: true, logger: false });
    const probe = apiDocument(app, 'probe');
    await app.close();
    expect(undescribedResponses(probe)).toEqual(['GET /probe/undescribed', 'GET /probe/bare']);
  });
});
