import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@greenlight/auth';
import { ApiFileResponse } from '@greenlight/common';
import { CERTIFICATE_STATUSES } from '../issuing/certificate.entity';
import { CertificateArchiveService, MANIFEST_HEADER } from './certificate-archive.service';

const slugParam = z.string().min(1).max(100);
const archiveQuery = z.strictObject({ status: z.enum(CERTIFICATE_STATUSES).optional() });

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('modules/:slug')
export class CertificateArchiveController {
  constructor(private readonly archives: CertificateArchiveService) {}

  @Get('certificates.zip')
  @Roles('staff')
  @ApiFileResponse(
    `A ZIP, streamed: <serial>.pdf for every certificate of the module (?status= issued|revoked|superseded to ` +
      `filter), then certificates.csv with ${MANIFEST_HEADER.join(',')}`,
    'application/zip',
  )
  download(
    @Param('slug', { schema: slugParam }) slug: string,
    @Query({ schema: archiveQuery }) query: z.infer<typeof archiveQuery>,
  ) {
    return new StreamableFile(this.archives.zip(slug, query.status), {
      type: 'application/zip',
      disposition: `attachment; filename="${slug}-certificates${query.status ? `-${query.status}` : ''}.zip"`,
    });
  }
}
