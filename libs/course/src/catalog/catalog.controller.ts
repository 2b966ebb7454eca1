import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import { pickLocale, Public } from '@greenlight/common';
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
    description:
      '[{id, slug, title, summary, unitCount, tracks:[{key,title}], certificate:{enabled, cpdHours}, opensAt?, closesAt?}]; staff with ?status=all also get drafts, with status, version and hasUnpublishedChanges',
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
  @ApiOkResponse({ description: 'The module document as JSON Schema (what content/ files and POST/PUT bodies follow)' })
  schema() {
    return this.catalog.schema();
  }

  @Get(':slug')
  @Public()
  @Header('Vary', 'Accept-Language, Authorization, Cookie')
  @ApiOkResponse({
    description:
      '{id, slug, status, version, title, summary, tracks, units:[{id, key, position, title, tracks, items}]}: the newest published version; staff may ask for ?status=draft, any published ?version=N, and ?include=answers',
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

  @Get(':slug/document')
  @Roles('staff')
  @ApiOkResponse({ description: 'The draft module document as authored (texts as {en, fr}), for editing' })
  document(@Param('slug', { schema: slugParam }) slug: string) {
    return this.catalog.document(slug);
  }

  @Post()
  @Roles('staff')
  @ApiConsumes(...DOCUMENT_TYPES)
  @ApiBody({ description: 'A module document (JSON or YAML); see GET /api/modules/schema' })
  @ApiCreatedResponse({ description: 'The new draft, with its answer key' })
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
  @ApiBody({ description: 'A module document (JSON or YAML) with the same slug; replaces the draft' })
  @ApiOkResponse({ description: 'The draft, with its answer key' })
  replace(
    @Param('slug', { schema: slugParam }) slug: string,
    @Body() body: unknown,
    @Query({ schema: langQuery }) query: z.infer<typeof langQuery>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentUser() user: AuthUser,
  ) {
    return this.catalog.replaceDraft(slug, body, user, viewer(query.lang, acceptLanguage, user).locale);
  }

  @Post(':slug/publish')
  @Roles('staff')
  @HttpCode(201)
  @ApiCreatedResponse({
    description:
      '{version, changed}: the new version, or the current one (changed: false) when the draft has not changed',
  })
  publish(@Param('slug', { schema: slugParam }) slug: string, @CurrentUser() user: AuthUser) {
    return this.catalog.publish(slug, user);
  }
}

function viewer(lang: string | undefined, acceptLanguage: string | undefined, user: AuthUser | undefined): Viewer {
  return { user, locale: pickLocale(lang, acceptLanguage, user?.locale) };
}
