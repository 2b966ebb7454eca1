import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import { LOCALES } from '@greenlight/common';
import { slugParam } from '../enrolments/dto/enrolment.dto';
import { InvitationDto, invitationSchema } from './invitation.dto';
import { InvitationService } from './invitation.service';
import { invitationListResponse, invitationOutcomeResponse } from './invitation-response.dto';

@ApiTags('invitations')
@ApiBearerAuth()
@Controller('modules/:slug/invitations')
export class InvitationController {
  constructor(private readonly invitations: InvitationService) {}

  @Post()
  @Roles('staff')
  @HttpCode(200)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['emails'],
      properties: {
        emails: { type: 'array', items: { type: 'string' }, maxItems: 2000 },
        track: { type: 'string', description: 'required when the module has tracks' },
        locale: { type: 'string', enum: [...LOCALES], description: 'the invitation email’s language (default en)' },
      },
    },
  })
  @ApiOkResponse({
    standardSchema: invitationOutcomeResponse,
    description:
      '{enrolled, invited, alreadyEnrolled, invalid}: verified accounts are enrolled at once; other addresses get an ' +
      'invitation email and are enrolled when an account proves the address',
  })
  invite(
    @Param('slug', { schema: slugParam }) slug: string,
    @Body({ schema: invitationSchema }) body: InvitationDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.invitations.invite(user, slug, body);
  }

  @Get()
  @Roles('staff')
  @ApiOkResponse({
    standardSchema: invitationListResponse,
    description: '{items:[{email, status:"invited"|"enrolled", track, invitedAt, enrolledAt, memberId}]}',
  })
  list(@Param('slug', { schema: slugParam }) slug: string) {
    return this.invitations.list(slug);
  }
}
