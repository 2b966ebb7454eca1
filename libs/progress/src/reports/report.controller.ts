import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { Roles } from '@greenlight/auth';
import type { Locale } from '@greenlight/common';
import { langQuery, slugParam } from '../enrolments/dto/enrolment.dto';
import { RequestLocale } from '../request-locale.decorator';
import { MembersQuery, membersQuerySchema } from './dto/report.dto';
import { MEMBERS_CSV_HEADER } from './members-csv';
import { ReportService } from './report.service';
import { memberPageResponse, moduleReportResponse, moduleReportRowResponse } from './dto/report-response.dto';
import type { ModuleReportResponse, ModuleReportRowResponse } from './dto/report-response.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('staff')
@Controller('reports/modules')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get()
  @ApiOkResponse({
    standardSchema: z.array(moduleReportRowResponse),
    description:
      '[{slug, title, enrolled, inProgress, completed, completionRate (0–1), renewals, renewalsInProgress, renewalsCompleted}]',
  })
  overview(
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @RequestLocale() locale: Locale,
  ): Promise<ModuleReportRowResponse[]> {
    return this.reports.overview(locale);
  }

  @Get(':slug')
  @ApiOkResponse({
    standardSchema: moduleReportResponse,
    description:
      '{slug, title, enrolled, inProgress, completed, completionRate, renewals, renewalsInProgress, renewalsCompleted, medianDaysToComplete, units:[{key, title, completed}], quizzes:[{itemKey, attempts, passRate, mostMissed}], mostMissed:[{questionId, key, prompt, answered, missed, missRate}]}',
  })
  module(
    @Param('slug', { schema: slugParam }) slug: string,
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @RequestLocale() locale: Locale,
  ): Promise<ModuleReportResponse> {
    return this.reports.module(slug, locale);
  }

  @Get(':slug/members')
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'json (default) or csv' })
  @ApiQuery({ name: 'status', required: false, enum: ['in_progress', 'completed'] })
  @ApiQuery({ name: 'track', required: false, type: String, description: 'a track key' })
  @ApiQuery({
    name: 'query',
    required: false,
    type: String,
    description: 'part of a name or email, any case, matched literally',
  })
  @ApiQuery({
    name: 'inactiveDays',
    required: false,
    type: Number,
    description: 'no activity for at least N days (completed members excluded)',
  })
  @ApiQuery({ name: 'unit', required: false, type: String, description: 'the key of the unit members reached' })
  @ApiQuery({
    name: 'page',
    required: false,
    type: Number,
    description: 'page number, default 1 (OFFSET: deeper pages cost more); not with `after`',
  })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: '1–200, default 50' })
  @ApiQuery({
    name: 'after',
    required: false,
    type: String,
    description:
      'an opaque cursor, the `nextCursor` of a previous page (with the same filters): the page after it, ' +
      'as fast at any depth; not with `page` (400); a cursor this API did not hand out is a 400',
  })
  @ApiOkResponse({
    standardSchema: memberPageResponse,
    description:
      'JSON {items:[{memberId, name, email, track, status, percent, enrolledAt, completedAt, certificateSerial, ' +
      'lastActivityAt, currentItem:{key,title}, renewalOf}], total, ' +
      'page (null when asked for by cursor), pageSize, nextCursor (null on the last page)}, ' +
      `or with ?format=csv a streamed CSV of the whole list (page, pageSize and after do not apply): ${MEMBERS_CSV_HEADER}`,
  })
  @ApiBadRequestResponse({ description: 'an invalid filter, a malformed cursor, or both page and after' })
  async members(
    @Param('slug', { schema: slugParam }) slug: string,
    @Query({ schema: membersQuerySchema }) query: MembersQuery,
    @RequestLocale() locale: Locale,
  ) {
    const { status, track, inactiveDays, unit } = query;
    const filter = { status, track, query: query.query, inactiveDays, unit };
    if (query.format === 'json') {
      const window = query.after ? { after: query.after } : { page: query.page ?? 1 };
      return this.reports.members(slug, filter, window, query.pageSize, locale);
    }
    const chunks = await this.reports.membersCsv(slug, filter);
    // One chunk (a batch of lines) waits at a time: the stream's default of 16 would hold sixteen batches.
    return new StreamableFile(Readable.from(chunks, { highWaterMark: 1 }), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${slug}-members.csv"`,
    });
  }
}
