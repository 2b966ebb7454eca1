import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import { idParam, slugParam } from '../enrolments/dto/enrolment.dto';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';
import { emailsFromCsv } from './attendance-csv';
import { AttendanceService } from './attendance.service';
import { attendanceSchema } from './dto/attendance.dto';
import { attendanceResultResponse } from './dto/attendance-response.dto';

type UploadRequest = FastifyRequest & {
  isMultipart(): boolean;
  file(): Promise<{ toBuffer(): Promise<Buffer> } | undefined>;
};

@ApiTags('progress')
@ApiBearerAuth()
@Controller('modules/:slug/items/:itemId/attendance')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Post()
  @Roles('staff')
  @HttpCode(200)
  @ApiConsumes('application/json', 'multipart/form-data', 'text/csv')
  @ApiBody({
    description: '{emails:[...]} as JSON, or a CSV with an `email` column (uploaded as a file, or sent as text/csv)',
    schema: { type: 'object', properties: { emails: { type: 'array', items: { type: 'string' } } } },
  })
  @ApiOkResponse({
    standardSchema: attendanceResultResponse,
    description:
      '{recorded:n, unknown:[emails not enrolled], alreadyRecorded:n, notInTrack:[emails], unverified:[emails of accounts that never proved them: not recorded]}',
  })
  async record(
    @Param('slug', { schema: slugParam }) slug: string,
    @Param('itemId', { schema: idParam }) itemId: string,
    @Req() request: UploadRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.attendance.record(user, slug, itemId, await emailsOf(request));
  }
}

/** The emails of a JSON body, an uploaded CSV file or a text/csv body. */
async function emailsOf(request: UploadRequest): Promise<string[]> {
  if (request.isMultipart()) {
    const file = await request.file();
    if (!file) throw invalid(['file: upload a CSV file with an email column']);
    return emailsFromCsv((await file.toBuffer()).toString('utf8'));
  }
  if (typeof request.body === 'string') return emailsFromCsv(request.body);
  const parsed = attendanceSchema.safeParse(request.body);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`));
  }
  return parsed.data.emails;
}

const invalid = (details: string[]) =>
  new ProgressException(ProgressExceptionCode.InvalidCsv, 'The attendance list is invalid', details);
