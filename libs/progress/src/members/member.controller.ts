import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import type { Locale } from '@greenlight/common';
import { idParam, langQuery } from '../enrolments/dto/enrolment.dto';
import { RequestLocale } from '../request-locale.decorator';
import { ReasonDto, reasonSchema, TrackChangeDto, trackChangeSchema } from './dto/member.dto';
import { MemberService } from './member.service';
import { enrolmentResponse } from '../enrolments/dto/enrolment-response.dto';
import { grantedResponse, memberDetailResponse } from './dto/member-response.dto';

const REASON = { type: 'object' as const, required: ['reason'], properties: { reason: { type: 'string' as const } } };

@ApiTags('members')
@ApiBearerAuth()
@Controller()
export class MemberController {
  constructor(private readonly members: MemberService) {}

  @Get('members/:id')
  @Roles('staff')
  @ApiOkResponse({
    standardSchema: memberDetailResponse,
    description:
      '{user, unsubscribedAt, enrolments:[enrolment + lastActivityAt, currentItem, items with completedAt, source, attempts, extraAttempts; attendance], certificates, messages:[{kind, subject, sentAt, moduleSlug}], audit}',
  })
  @ApiNotFoundResponse({ description: 'No such member' })
  get(
    @Param('id', { schema: idParam }) id: string,
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @RequestLocale() locale: Locale,
  ) {
    return this.members.get(id, locale);
  }

  @Post('enrolments/:id/quizzes/:itemId/extra-attempts')
  @Roles('staff')
  @HttpCode(200)
  @ApiBody({ schema: REASON })
  @ApiOkResponse({
    standardSchema: grantedResponse,
    description: '{granted:1}: the member may try this quiz once more (audited with the reason)',
  })
  grantAttempt(
    @Param('id', { schema: idParam }) id: string,
    @Param('itemId', { schema: idParam }) itemId: string,
    @Body({ schema: reasonSchema }) body: ReasonDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.members.grantAttempt(user, id, itemId, body.reason);
  }

  @Post('enrolments/:id/track')
  @Roles('staff')
  @HttpCode(200)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['track', 'reason'],
      properties: { track: { type: 'string' }, reason: { type: 'string' } },
    },
  })
  @ApiOkResponse({
    standardSchema: enrolmentResponse,
    description: 'The enrolment on its new track; completions of shared items are kept (audited)',
  })
  changeTrack(
    @Param('id', { schema: idParam }) id: string,
    @Body({ schema: trackChangeSchema }) body: TrackChangeDto,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ) {
    return this.members.changeTrack(user, id, body.track, body.reason, locale);
  }
}
