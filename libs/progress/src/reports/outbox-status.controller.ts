import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@greenlight/auth';
import { ReportService } from './report.service';
import { outboxStatusResponse } from './dto/report-response.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/outbox')
export class OutboxStatusController {
  constructor(private readonly reports: ReportService) {}

  @Get()
  @Roles('staff')
  @ApiOkResponse({
    standardSchema: outboxStatusResponse,
    description:
      '{pending, retrying, oldestPendingAt, lastError}: completed modules whose certificate job has not reached the queue yet (e.g. while Redis is down)',
  })
  status() {
    return this.reports.outbox();
  }
}
