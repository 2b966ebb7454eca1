import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public } from '@greenlight/common';
import { CertificateException, CertificateExceptionCode } from '../certificate.exception';
import { StatusListService } from './status-list.service';
import { statusListCredentialResponse } from '../certificates/dto/certificate-response.dto';

const listParam = z.coerce.number().int().min(0).max(1_000_000);

@ApiTags('verification')
@Controller()
export class StatusListsController {
  constructor(private readonly statusLists: StatusListService) {}

  @Get('status-lists/:list')
  @Public()
  @ApiOkResponse({
    standardSchema: statusListCredentialResponse,
    description:
      'A signed BitstringStatusListCredential (purpose revocation): bit N set = the credential at statusListIndex N is revoked or superseded; cached for a minute; 404 for a list not in use',
  })
  async list(@Param('list', { schema: listParam }) list: number, @Res({ passthrough: true }) reply: FastifyReply) {
    const credential = await this.statusLists.credential(list);
    if (!credential)
      throw new CertificateException(CertificateExceptionCode.StatusListNotFound, 'No such status list.');
    // Short: a revocation reaches cached copies within a minute.
    reply.header('cache-control', 'public, max-age=60');
    return credential;
  }
}
