import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiFileResponse, Public } from '@greenlight/common';
import type { Locale } from '@greenlight/common';
import { langQuery } from '../certificates/dto/certificate.dto';
import { RequestLocale } from '../certificates/request-locale.decorator';
import { BadgesService } from './badges.service';

const slugParam = z.string().min(1).max(100);
const versionParam = z.coerce.number().int().min(1).max(1_000_000);

/** The images credentials name: public, and the same bytes for ever (module versions never change). */
@ApiTags('verification')
@Controller()
export class BadgesController {
  constructor(private readonly badges: BadgesService) {}

  @Get('badges/:slug/:version')
  @Public()
  @ApiFileResponse("A module version's badge (SVG) in ?lang= (en|fr); 404 unknown module or version", 'image/svg+xml')
  async badge(
    @Param('slug', { schema: slugParam }) slug: string,
    @Param('version', { schema: versionParam }) version: number,
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @RequestLocale() locale: Locale,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const image = await this.badges.badge(slug, version, locale);
    reply.type(image.type).header('cache-control', 'public, max-age=86400').header('vary', 'accept-language');
    return image.bytes;
  }

  @Get('issuer/image')
  @Public()
  @ApiFileResponse(
    "The issuer's image (CERT_LOGO_PATH, or a generated seal)",
    'image/svg+xml',
    'image/png',
    'image/jpeg',
  )
  issuerImage(@Res({ passthrough: true }) reply: FastifyReply) {
    const image = this.badges.issuerImage();
    reply.type(image.type).header('cache-control', 'public, max-age=3600');
    return image.bytes;
  }
}
