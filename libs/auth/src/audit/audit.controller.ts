import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { auditPageResponse } from '../dto/auth-response.dto';
import { Roles } from '../session/roles';
import { AuditService } from './audit.service';

const auditQuerySchema = z.strictObject({
  action: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  subjectId: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ standardSchema: auditPageResponse })
  list(@Query({ schema: auditQuerySchema }) query: z.infer<typeof auditQuerySchema>) {
    return this.audit.list(query);
  }
}
