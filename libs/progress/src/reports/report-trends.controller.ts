import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@greenlight/auth';
import { CompletionsQuery, completionsQuerySchema } from './dto/report.dto';
import { ReportService } from './report.service';
import { monthlyCompletionsResponse } from './dto/report-response.dto';

/** Figures across every module over time (the staff dashboard's charts). */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('staff')
@Controller('reports')
export class ReportTrendsController {
  constructor(private readonly reports: ReportService) {}

  @Get('completions-by-month')
  @ApiQuery({ name: 'months', required: false, type: Number, description: '1–60 calendar months back, default 12' })
  @ApiOkResponse({
    standardSchema: z.array(monthlyCompletionsResponse),
    description: '[{month:"YYYY-MM", completions}] for every month of the window (UTC), oldest first, 0 when none',
  })
  completionsByMonth(@Query({ schema: completionsQuerySchema }) query: CompletionsQuery) {
    return this.reports.completionsByMonth(query.months);
  }
}
