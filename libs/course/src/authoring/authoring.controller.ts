import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { stringify } from 'yaml';
import { z } from 'zod';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import { pickLocale } from '@greenlight/common';
import { localizedText } from '@greenlight/content';
import { AuthoringService, DraftDocument } from './authoring.service';
import { moduleDocumentResponse } from '../catalog/dto/catalog-response.dto';
import {
  documentCheckResponse,
  draftChangesResponse,
  draftDocumentResponse,
  versionResponse,
} from './dto/authoring.dto';
import { etag } from './revision-header';

const slugParam = z.string().min(1).max(100);
const versionParam = z.coerce.number().int().min(1).max(1_000_000);
const formatQuery = z.strictObject({ format: z.enum(['json', 'yaml']).default('json') });
const langQuery = z.strictObject({ lang: z.string().max(35).optional() });
const duplicateBody = z.strictObject({ slug: z.string().min(1).max(100), title: localizedText.optional() });

const DOCUMENT_TYPES = ['application/json', 'application/yaml', 'text/yaml'];

/** The editor's routes around a draft (course service, staff only). */
@ApiTags('authoring')
@ApiBearerAuth()
@Roles('staff')
@Controller('modules')
export class AuthoringController {
  constructor(private readonly authoring: AuthoringService) {}

  @Post('validate')
  @HttpCode(200)
  @ApiConsumes(...DOCUMENT_TYPES)
  @ApiBody({ description: 'A module document (JSON or YAML), e.g. an uploaded file; nothing is saved' })
  @ApiOkResponse({
    standardSchema: documentCheckResponse,
    description: 'The document as read, and every problem with its path',
  })
  validate(@Body() body: unknown) {
    return this.authoring.check(body);
  }

  @Get(':slug/document')
  @ApiProduces('application/json', 'application/yaml')
  @ApiOkResponse({
    standardSchema: draftDocumentResponse,
    description:
      'The draft module document as authored (texts as {en, fr}, GIFT as text) plus revision (also as ETag), updatedBy and updatedAt; ?format=yaml: the document alone as a YAML file',
  })
  async document(
    @Param('slug', { schema: slugParam }) slug: string,
    @Query({ schema: formatQuery }) query: z.infer<typeof formatQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { document, ...stamp } = await this.authoring.document(slug);
    reply.header('etag', etag(stamp.revision));
    if (query.format === 'yaml') return yamlFile(reply, slug, document);
    return withStamp({ document, ...stamp });
  }

  @Get(':slug/changes')
  @ApiOkResponse({
    standardSchema: draftChangesResponse,
    description: 'The draft against the last published version; empty changes: nothing to publish',
  })
  changes(
    @Param('slug', { schema: slugParam }) slug: string,
    @Query({ schema: langQuery }) query: z.infer<typeof langQuery>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentUser() user: AuthUser,
  ) {
    return this.authoring.changes(slug, pickLocale(query.lang, acceptLanguage, user.locale));
  }

  @Get(':slug/versions')
  @ApiOkResponse({
    standardSchema: z.array(versionResponse),
    description: 'Published versions, newest first, with who published each',
  })
  versions(@Param('slug', { schema: slugParam }) slug: string) {
    return this.authoring.versions(slug);
  }

  @Get(':slug/versions/:version/document')
  @ApiProduces('application/json', 'application/yaml')
  @ApiOkResponse({
    standardSchema: moduleDocumentResponse,
    description: "That version's module document (read-only; PUT it as the draft to start again from it); ?format=yaml",
  })
  async versionDocument(
    @Param('slug', { schema: slugParam }) slug: string,
    @Param('version', { schema: versionParam }) version: number,
    @Query({ schema: formatQuery }) query: z.infer<typeof formatQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const document = await this.authoring.versionDocument(slug, version);
    return query.format === 'yaml' ? yamlFile(reply, `${slug}-v${version}`, document) : document;
  }

  @Post(':slug/duplicate')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['slug'],
      properties: {
        slug: { type: 'string', description: 'The new module’s slug' },
        title: { description: 'A text, or {en, fr}; the copied title otherwise' },
      },
    },
  })
  @ApiCreatedResponse({
    standardSchema: draftDocumentResponse,
    description: 'The new draft (copied from the current draft)',
  })
  @ApiConflictResponse({ description: 'MODULE_SLUG_TAKEN' })
  async duplicate(
    @Param('slug', { schema: slugParam }) slug: string,
    @Body({ schema: duplicateBody }) body: z.infer<typeof duplicateBody>,
    @CurrentUser() user: AuthUser,
  ) {
    return withStamp(await this.authoring.duplicate(slug, body, user));
  }
}

/** The document with its revision, author and time beside its own fields (API.md: "the document plus revision"). */
const withStamp = ({ document, ...stamp }: DraftDocument) => ({ ...document, ...stamp });

function yamlFile(reply: FastifyReply, name: string, document: Record<string, unknown>): string {
  reply.header('content-type', 'application/yaml; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${name}.yaml"`);
  return stringify(document);
}
