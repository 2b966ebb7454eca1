import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@greenlight/auth';
import { LOCALES } from '@greenlight/common';
import { slugParam } from '../enrolments/dto/enrolment.dto';
import { ReminderDto, reminderSchema } from './reminder.dto';
import { ReminderService } from './reminder.service';
import { reminderRecipientsResponse, remindersQueuedResponse } from './reminder-response.dto';

const BILINGUAL = {
  type: 'object' as const,
  required: [...LOCALES],
  properties: Object.fromEntries(LOCALES.map((locale) => [locale, { type: 'string' as const }])),
};

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('modules/:slug/reminders')
export class ReminderController {
  constructor(private readonly reminders: ReminderService) {}

  @Post()
  @Roles('staff')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['subject', 'body'],
      properties: {
        filter: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['in_progress', 'completed'] },
            track: { type: 'string' },
            inactiveDays: { type: 'integer', minimum: 0 },
            memberIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
          },
        },
        subject: BILINGUAL,
        body: { ...BILINGUAL, description: 'placeholders {{name}} {{module}} {{link}} {{percent}}' },
        dryRun: { type: 'boolean' },
      },
    },
  })
  @ApiOkResponse({ standardSchema: reminderRecipientsResponse, description: 'dryRun: who would get it' })
  @ApiAcceptedResponse({
    standardSchema: remindersQueuedResponse,
    description: 'Queued, except the members skipped (the same text to the same member the same day goes once)',
  })
  async send(
    @Param('slug', { schema: slugParam }) slug: string,
    @Body({ schema: reminderSchema }) body: ReminderDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    reply.status(body.dryRun ? 200 : 202);
    return this.reminders.send(slug, body);
  }
}
