import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import { ApiFileResponse, pickLocale } from '@greenlight/common';
import { GiftExportService } from './gift-export.service';

const slugParam = z.string().min(1).max(100);
const keyParam = z.string().min(1).max(100);
const giftQuery = z.strictObject({ lang: z.string().max(35).optional(), unit: keyParam.optional() });

@ApiTags('modules')
@ApiBearerAuth()
@Controller('modules')
export class GiftExportController {
  constructor(private readonly exporter: GiftExportService) {}

  @Get(':slug/items/:itemKey/gift')
  @Roles('staff')
  @ApiFileResponse(
    "The draft's quiz as Moodle GIFT, in ?lang=; ?unit= picks the unit when quiz keys repeat. What GIFT cannot say is listed in the X-Gift-Warnings header (JSON array)",
    'text/plain',
  )
  async gift(
    @Param('slug', { schema: slugParam }) slug: string,
    @Param('itemKey', { schema: keyParam }) itemKey: string,
    @Query({ schema: giftQuery }) query: z.infer<typeof giftQuery>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const locale = pickLocale(query.lang, acceptLanguage, user?.locale);
    const { gift, warnings } = await this.exporter.exportQuiz(slug, itemKey, query.unit, locale);
    reply.header('content-type', 'text/plain; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${slug}-${itemKey.replace(/[^\w.-]/g, '_')}.gift"`);
    reply.header('x-gift-warnings', encodeURIComponent(JSON.stringify(warnings)));
    return gift;
  }
}
