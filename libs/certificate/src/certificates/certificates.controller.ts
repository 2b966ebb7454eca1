import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import { ApiFileResponse, type Locale } from '@greenlight/common';
import { CertificatesService } from './certificates.service';
import {
  idParam,
  langQuery,
  ListQueryDto,
  listQuerySchema,
  ReissueDto,
  reissueSchema,
  RevokeDto,
  revokeSchema,
  TranscriptQueryDto,
  transcriptQuerySchema,
} from './dto/certificate.dto';
import { RequestLocale } from './request-locale.decorator';
import { certificatePageResponse, certificateResponse, signedCredentialResponse } from './dto/certificate-response.dto';
import type { CertificatePageResponse, CertificateResponse } from './dto/certificate-response.dto';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('me/certificates')
  @ApiOkResponse({
    standardSchema: z.array(certificateResponse),
    description: "The caller's certificates, newest first",
  })
  mine(
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<CertificateResponse[]> {
    return this.certificates.listMine(user, locale);
  }

  @Get('me/transcript')
  @ApiFileResponse(
    'Every certificate the caller holds, its CPD hours and the total, as PDF or CSV',
    'application/pdf',
    'text/csv',
  )
  async transcript(
    @Query({ schema: transcriptQuerySchema }) query: TranscriptQueryDto,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.certificates.transcript(user, query.format, locale);
    reply.type(file.type).header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.bytes;
  }

  @Get('certificates')
  @Roles('staff')
  @ApiOkResponse({
    standardSchema: certificatePageResponse,
    description: `Filters ?module=<slug>&status=&memberId=&expiringWithinDays=N (issued, still valid, expiring within N days, soonest first)`,
  })
  list(
    @Query({ schema: listQuerySchema }) query: ListQueryDto,
    @RequestLocale() locale: Locale,
  ): Promise<CertificatePageResponse> {
    return this.certificates.list(query, locale);
  }

  @Get('certificates/:id')
  @ApiOkResponse({ standardSchema: certificateResponse, description: '404 for anyone but the holder and staff' })
  get(
    @Param('id', { schema: idParam }) id: string,
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<CertificateResponse> {
    return this.certificates.get(user, id, locale);
  }

  @Get('certificates/:id/pdf')
  @ApiFileResponse('The certificate PDF (attachment); 404 for anyone but the holder and staff', 'application/pdf')
  async pdf(
    @Param('id', { schema: idParam }) id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.certificates.pdf(user, id);
    reply.type('application/pdf').header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.bytes;
  }

  @Get('certificates/:id/credential')
  @ApiOkResponse({
    standardSchema: signedCredentialResponse,
    description:
      'The Open Badges 3.0 OpenBadgeCredential: JSON {jwt, credential} (credential carries an eddsa-rdfc-2022 proof), or the VC-JWT alone with Accept: application/vc+jwt',
  })
  async credential(
    @Param('id', { schema: idParam }) id: string,
    @CurrentUser() user: AuthUser,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const signed = await this.certificates.credential(user, id);
    if (accept?.includes('application/vc+jwt')) {
      reply.type('application/vc+jwt');
      return signed.jwt;
    }
    return signed;
  }

  @Post('certificates/:id/revoke')
  @Roles('staff')
  @HttpCode(200)
  @ApiBody({ schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } })
  @ApiOkResponse({
    standardSchema: certificateResponse,
    description: 'With status "revoked"; 422 when it is not issued',
  })
  revoke(
    @Param('id', { schema: idParam }) id: string,
    @Body({ schema: revokeSchema }) body: RevokeDto,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<CertificateResponse> {
    return this.certificates.revoke(user, id, body.reason, locale);
  }

  @Post('certificates/:id/reissue')
  @Roles('staff')
  @ApiBody({ required: false, schema: { type: 'object', properties: { reason: { type: 'string' } } } })
  @ApiCreatedResponse({
    standardSchema: certificateResponse,
    description: `The new certificate (new serial, the holder's current name); the old one becomes "superseded"`,
  })
  reissue(
    @Param('id', { schema: idParam }) id: string,
    @Body({ schema: reissueSchema }) body: ReissueDto,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<CertificateResponse> {
    return this.certificates.reissue(user, id, body?.reason ?? null, locale);
  }
}
