import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import type { Locale } from '@greenlight/common';
import { RequestLocale } from '../request-locale.decorator';
import {
  EnrolDto,
  enrolSchema,
  idParam,
  langQuery,
  slugParam,
  StaffCompletionDto,
  staffCompletionSchema,
} from './dto/enrolment.dto';
import { InvitationService } from '../invitations/invitation.service';
import { EnrolmentService } from './enrolment.service';
import { enrolmentResponse } from './dto/enrolment-response.dto';
import type { EnrolmentResponse } from './dto/enrolment-response.dto';

@ApiTags('progress')
@ApiBearerAuth()
@Controller()
export class EnrolmentController {
  constructor(
    private readonly enrolments: EnrolmentService,
    private readonly invitations: InvitationService,
  ) {}

  @Post('modules/:slug/enrolments')
  @ApiBody({ schema: { type: 'object', properties: { track: { type: 'string' } } } })
  @ApiCreatedResponse({
    standardSchema: enrolmentResponse,
    description:
      "The new enrolment, or a renewal (renewalOf set) when the current enrolment's certificate has expired or expires within 90 days; 422 ENROLMENT_CLOSED outside opensAt–closesAt",
  })
  @ApiOkResponse({
    standardSchema: enrolmentResponse,
    description: 'Already enrolled and nothing to renew: the current enrolment',
  })
  async enrol(
    @Param('slug', { schema: slugParam }) slug: string,
    @Body({ schema: enrolSchema }) body: EnrolDto,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EnrolmentResponse> {
    const { created, enrolment } = await this.enrolments.enrol(user, slug, body.track, locale);
    reply.status(created ? 201 : 200);
    return enrolment;
  }

  @Get('me/enrolments')
  @ApiOkResponse({ standardSchema: z.array(enrolmentResponse) })
  async mine(
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<EnrolmentResponse[]> {
    // Invitations the verification hook did not get to (another process, a single sign-on) are claimed here.
    await this.invitations.claim(user.id);
    return this.enrolments.listMine(user, locale);
  }

  @Get('enrolments/:id')
  @ApiOkResponse({ standardSchema: enrolmentResponse, description: "404 for another member's enrolment" })
  get(
    @Param('id', { schema: idParam }) id: string,
    @Query({ schema: langQuery }) _query: z.infer<typeof langQuery>,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<EnrolmentResponse> {
    return this.enrolments.get(user, id, locale);
  }

  @Post('enrolments/:id/items/:itemId/complete')
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: enrolmentResponse, description: 'Idempotent; 422 for quiz and event items' })
  complete(
    @Param('id', { schema: idParam }) id: string,
    @Param('itemId', { schema: idParam }) itemId: string,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<EnrolmentResponse> {
    return this.enrolments.completeLesson(user, id, itemId, locale);
  }

  @Post('enrolments/:id/items/:itemId/staff-completion')
  @Roles('staff')
  @HttpCode(200)
  @ApiBody({ schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } })
  @ApiOkResponse({
    standardSchema: enrolmentResponse,
    description: "Staff mark any item of the member's track complete, with a reason (audited)",
  })
  staffComplete(
    @Param('id', { schema: idParam }) id: string,
    @Param('itemId', { schema: idParam }) itemId: string,
    @Body({ schema: staffCompletionSchema }) body: StaffCompletionDto,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<EnrolmentResponse> {
    return this.enrolments.staffComplete(user, id, itemId, body.reason, locale);
  }
}
