import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@greenlight/auth';
import { slugParam } from '../enrolments/dto/enrolment.dto';
import { ReminderDto, reminderSchema } from './reminder.dto';
import { ReminderService } from './reminder.service';

const BILINGUAL = {
  type: 'object' as const,
  required: ['en', 'fr'],
  properties: { en: { type: 'string' as const }, fr: { type: 'string' as const } },
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
  @ApiOkResponse({
    description:
      'dryRun: 200 {recipients:[{id,email,name,locale}]}; otherwise 202 {queued, skipped:[{email, reason}]} ' +
      '(reason unsubscribed or already-sent: the same text to the same member the same day goes once)',
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
