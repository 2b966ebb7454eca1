import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@greenlight/common';
import type { Locale } from '@greenlight/common';
import { RequestLocale } from '../certificates/request-locale.decorator';
import { VerifyRateLimiter } from '../certificates/verify-rate-limiter';
import { CredentialVerifier } from './credential-verifier.service';
import { credentialVerificationResponse } from '../certificates/dto/certificate-response.dto';

export const verifyCredentialSchema = z.record(z.string(), z.unknown());

@ApiTags('verification')
@Controller()
export class CredentialVerificationController {
  constructor(
    private readonly verifier: CredentialVerifier,
    private readonly rateLimiter: VerifyRateLimiter,
  ) {}

  @Post('verify/credential')
  @Public()
  @HttpCode(200)
  @ApiBody({
    description:
      'A credential as JSON, or a VC-JWT as {jwt}; the {jwt, credential} the credential route gives also works',
    schema: { type: 'object', properties: { jwt: { type: 'string' } }, additionalProperties: true },
  })
  @ApiOkResponse({
    standardSchema: credentialVerificationResponse,
    description: 'Messages in ?lang=/Accept-Language; 400 when it is not a credential at all',
  })
  @ApiTooManyRequestsResponse({
    description:
      "code TOO_MANY_VERIFICATIONS, with retryAfter and limit, and a Retry-After header: the same VERIFY_RATE_LIMIT per client as GET /api/verify/:serial (a check costs signature work and may fetch another issuer's documents)",
  })
  async verify(
    @Body({ schema: verifyCredentialSchema }) body: Record<string, unknown>,
    @RequestLocale() locale: Locale,
    @Ip() clientIp: string,
  ) {
    await this.rateLimiter.take(clientIp);
    return this.verifier.verify(body, locale);
  }
}
