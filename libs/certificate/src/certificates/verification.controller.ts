import { Controller, Get, Ip, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { z } from 'zod';
import type { Locale } from '@greenlight/common';
import { Public } from '@greenlight/common';
import { CertificateException, CertificateExceptionCode } from '../certificate.exception';
import { CredentialIssuer } from '../credentials/credential-issuer.service';
import { CertificatesService } from './certificates.service';
import { langQuery, serialParam } from './dto/certificate.dto';
import { RequestLocale } from './request-locale.decorator';
import {
  issuerProfileResponse,
  jwkResponse,
  jwksResponse,
  multikeyResponse,
  verificationResponse,
} from './dto/certificate-response.dto';
import type { VerificationResponse } from './dto/certificate-response.dto';

const kidParam = z.string().min(1).max(100);

function keyNotFound(): never {
  throw new CertificateException(CertificateExceptionCode.KeyNotFound, 'No such key.');
}

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
    standardSchema: verificationResponse,
    description: '404 for an unknown serial (code CERTIFICATE_SERIAL_MISTYPED when the check character shows a typo)',
  })
  @ApiTooManyRequestsResponse({
    description:
      'code TOO_MANY_VERIFICATIONS, with retryAfter and limit, and a Retry-After header: more than VERIFY_RATE_LIMIT checks this minute from the client (its IP as TRUST_PROXY lets it be read; an IPv6 /64)',
  })
  verify(
    @Param('serial', { schema: serialParam }) serial: string,
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @RequestLocale() locale: Locale,
    // Fastify's request.ip: the client's address as TRUST_PROXY allows it to be read from X-Forwarded-For.
    @Ip() clientIp: string,
  ): Promise<VerificationResponse> {
    return this.certificates.verify(serial, locale, clientIp);
  }

  @Get('issuer')
  @Public()
  @ApiOkResponse({
    standardSchema: issuerProfileResponse,
    description:
      'The issuer: an Open Badges 3.0 Profile (name, url, email, image) and controller document (every verification key, as Multikey)',
  })
  issuer() {
    return this.credentials.profile();
  }

  @Get('issuer/keys/:kid')
  @Public()
  @ApiOkResponse({
    standardSchema: multikeyResponse,
    description: 'One verification key (current or retired) as a Multikey document; 404 unknown',
  })
  key(@Param('kid', { schema: kidParam }) kid: string) {
    return this.credentials.keyDocument(kid) ?? keyNotFound();
  }

  @Get('issuer/keys/:kid/jwk')
  @Public()
  @ApiOkResponse({
    standardSchema: jwkResponse,
    description: "One verification key as a JWK (a VC-JWT's kid); 404 unknown",
  })
  jwk(@Param('kid', { schema: kidParam }) kid: string) {
    return this.credentials.jwk(kid) ?? keyNotFound();
  }

  @Get('.well-known/jwks.json')
  @Public()
  @ApiOkResponse({
    standardSchema: jwksResponse,
    description: '{keys:[JWK]}: every Ed25519 key credentials were signed with, current first',
  })
  jwks() {
    return this.credentials.jwks();
  }
}
