import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import { pickLocale, Public } from '@greenlight/common';
import { draftConflictResponse, publishResultResponse, savedDraftResponse } from '../authoring/dto/authoring.dto';
import {
  draftModuleResponse,
  jsonSchemaResponse,
  moduleDetailResponse,
  moduleSummaryResponse,
} from './dto/catalog-response.dto';
import { etag, parseIfMatch } from '../authoring/revision-header';
import { CatalogService, Viewer } from './catalog.service';

const slugParam = z.string().min(1).max(100);
const lang = z.string().max(35).optional();

const listQuery = z.strictObject({ lang, status: z.enum(['published', 'all']).default('published') });
const readQuery = z.strictObject({
  lang,
  status: z.enum(['draft', 'published']).optional(),
  version: z.coerce.number().int().min(1).optional(),
  include: z.literal('answers').optional(),
});
const langQuery = z.strictObject({ lang });

const DOCUMENT_TYPES = ['application/json', 'application/yaml', 'text/yaml'];

@ApiTags('modules')
@ApiBearerAuth()
@Controller('modules')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @Public()
  @Header('Vary', 'Accept-Language, Authorization, Cookie')
  @ApiOkResponse({
    standardSchema: z.array(moduleSummaryResponse),
    description:
      'Published modules; staff with ?status=all also get drafts, with status, version, publishedVersion, hasUnpublishedChanges and frenchMissing',
  })
  list(
    @Query({ schema: listQuery }) query: z.infer<typeof listQuery>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentUser() user: AuthUser | undefined,
  ) {
    return this.catalog.list(viewer(query.lang, acceptLanguage, user), query.status === 'all');
  }

  @Get('schema')
  @Public()
  @ApiOkResponse({
    standardSchema: jsonSchemaResponse,
    description: 'The module document as JSON Schema (what content/ files and POST/PUT bodies follow)',
  })
  schema() {
    return this.catalog.schema();
  }

  @Get(':slug')
  @Public()
  @Header('Vary', 'Accept-Language, Authorization, Cookie')
  @ApiOkResponse({
    standardSchema: moduleDetailResponse,
    description:
      'The newest published version; staff may ask for ?status=draft, any published ?version=N, and ?include=answers',
  })
  read(
    @Param('slug', { schema: slugParam }) slug: string,
    @Query({ schema: readQuery }) query: z.infer<typeof readQuery>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentUser() user: AuthUser | undefined,
  ) {
    return this.catalog.read(slug, viewer(query.lang, acceptLanguage, user), {
      status: query.status,
      version: query.version,
      answers: query.include === 'answers',
    });
  }

  @Post()
  @Roles('staff')
  @ApiConsumes(...DOCUMENT_TYPES)
  @ApiBody({ description: 'A module document (JSON or YAML); see GET /api/modules/schema' })
  @ApiCreatedResponse({ standardSchema: draftModuleResponse, description: 'The new draft, with its answer key' })
  create(
    @Body() body: unknown,
    @Query({ schema: langQuery }) query: z.infer<typeof langQuery>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentUser() user: AuthUser,
  ) {
    return this.catalog.create(body, user, viewer(query.lang, acceptLanguage, user).locale);
  }

  @Put(':slug')
  @Roles('staff')
  @ApiConsumes(...DOCUMENT_TYPES)
  @ApiBody({
    description:
      'A module document (JSON or YAML); replaces the draft. A different slug renames a never-published module (422 MODULE_SLUG_FIXED once published, 409 when taken)',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The revision the editor loaded (GET …/document): saves only if it is still the current one',
  })
  @ApiOkResponse({
    standardSchema: savedDraftResponse,
    description: 'The draft, with its answer key and its new revision (also as ETag)',
  })
  @ApiConflictResponse({
    standardSchema: draftConflictResponse,
    description: 'DRAFT_CONFLICT: someone saved since; nothing was saved',
  })
  @ApiUnprocessableEntityResponse({ description: 'MODULE_SLUG_FIXED: a published module keeps its slug' })
  async replace(
    @Param('slug', { schema: slugParam }) slug: string,
    @Body() body: unknown,
    @Query({ schema: langQuery }) query: z.infer<typeof langQuery>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const locale = viewer(query.lang, acceptLanguage, user).locale;
    const saved = await this.catalog.replaceDraft(slug, body, user, locale, parseIfMatch(ifMatch));
    reply.header('etag', etag(saved.revision));
    return saved;
  }

  @Post(':slug/publish')
  @Roles('staff')
  @HttpCode(201)
  @ApiCreatedResponse({ standardSchema: publishResultResponse, description: 'The new version' })
  @ApiUnprocessableEntityResponse({
    description: 'NOTHING_TO_PUBLISH: the draft is the same as the newest version (GET …/changes is empty)',
  })
  publish(@Param('slug', { schema: slugParam }) slug: string, @CurrentUser() user: AuthUser) {
    return this.catalog.publish(slug, user);
  }
}

function viewer(lang: string | undefined, acceptLanguage: string | undefined, user: AuthUser | undefined): Viewer {
  return { user, locale: pickLocale(lang, acceptLanguage, user?.locale) };
}
