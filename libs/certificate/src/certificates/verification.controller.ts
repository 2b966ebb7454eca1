import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Locale } from '@greenlight/common';
import { Public } from '@greenlight/common';
import { CredentialIssuer } from '../credentials/credential-issuer.service';
import { CertificatesService } from './certificates.service';
import { langQuery, serialParam } from './dto/certificate.dto';
import { RequestLocale } from './request-locale.decorator';

/** Public routes: anyone may check a serial or fetch the keys that credentials are signed with. */
@ApiTags('verification')
@Controller()
export class VerificationController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly credentials: CredentialIssuer,
  ) {}

  @Get('verify/:serial')
  @Public()
  @ApiOkResponse({
    description:
      '{valid, status (issued, revoked, superseded, or expired once validUntil has passed), serial, holderName, module:{slug,title,version}, track, cpdHours, completedAt, completionDate, issuedAt, validUntil (null: never expires), expired, revokedAt, supersededAt, supersededBy (the replacing serial), issuer:{id,name}, pdfSha256}; 404 for an unknown serial (code CERTIFICATE_SERIAL_MISTYPED when the check character shows a typo)',
  })
  verify(
    @Param('serial', { schema: serialParam }) serial: string,
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @RequestLocale() locale: Locale,
  ) {
    return this.certificates.verify(serial, locale);
  }

  @Get('issuer')
  @Public()
  @ApiOkResponse({ description: "The issuer's profile and controller document: name, URL and every verification key" })
  issuer() {
    return this.credentials.profile();
  }

  @Get('.well-known/jwks.json')
  @Public()
  @ApiOkResponse({ description: '{keys:[JWK]}: every Ed25519 key credentials were signed with, current first' })
  jwks() {
    return this.credentials.jwks();
  }
}
