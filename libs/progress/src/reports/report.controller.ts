import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { Roles } from '@greenlight/auth';
import type { Locale } from '@greenlight/common';
import { langQuery, slugParam } from '../enrolments/dto/enrolment.dto';
import { RequestLocale } from '../request-locale.decorator';
import { MembersQuery, membersQuerySchema } from './dto/report.dto';
import { MEMBERS_CSV_HEADER } from './members-csv';
import { ReportService } from './report.service';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('staff')
@Controller('reports/modules')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get()
  @ApiOkResponse({ description: '[{slug, title, enrolled, inProgress, completed, completionRate (0–1)}]' })
  overview(@Query({ schema: langQuery }) _query: z.infer<typeof langQuery>, @RequestLocale() locale: Locale) {
    return this.reports.overview(locale);
  }

  @Get(':slug')
  @ApiOkResponse({
    description:
      '{slug, title, enrolled, inProgress, completed, completionRate, medianDaysToComplete, units:[{key, title, completed}], quizzes:[{itemKey, attempts, passRate, mostMissed}], mostMissed:[{questionId, key, prompt, answered, missed, missRate}]}',
  })
  module(
    @Param('slug', { schema: slugParam }) slug: string,
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @RequestLocale() locale: Locale,
  ) {
    return this.reports.module(slug, locale);
  }

  @Get(':slug/members')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: `JSON {items:[{name, email, track, status, percent, enrolledAt, completedAt, certificateSerial}], total, page, pageSize}, or with ?format=csv a streamed CSV: ${MEMBERS_CSV_HEADER}`,
  })
  async members(
    @Param('slug', { schema: slugParam }) slug: string,
    @Query({ schema: membersQuerySchema }) query: MembersQuery,
  ) {
    const filter = { status: query.status, track: query.track, query: query.query };
    if (query.format === 'json') return this.reports.members(slug, filter, query.page, query.pageSize);
    const chunks = await this.reports.membersCsv(slug, filter);
    return new StreamableFile(Readable.from(chunks), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${slug}-members.csv"`,
    });
  }
}
