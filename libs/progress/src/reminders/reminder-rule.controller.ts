import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import { LOCALES } from '@greenlight/common';
import { slugParam } from '../enrolments/dto/enrolment.dto';
import { REMINDER_RULE_KINDS, ReminderRuleDto, reminderRulesSchema } from './reminder-rule.dto';
import { ReminderRuleService } from './reminder-rule.service';
import { reminderRuleResponse } from './reminder-response.dto';

const BILINGUAL = {
  type: 'object' as const,
  required: [...LOCALES],
  properties: Object.fromEntries(LOCALES.map((locale) => [locale, { type: 'string' as const }])),
};
const RULES = {
  type: 'array' as const,
  items: {
    type: 'object' as const,
    required: ['key', 'kind', 'days', 'subject', 'body'],
    properties: {
      key: { type: 'string' as const, pattern: '^[a-z0-9][a-z0-9-]*$' },
      kind: { type: 'string' as const, enum: [...REMINDER_RULE_KINDS] },
      days: { type: 'integer' as const, minimum: 0, maximum: 3650 },
      subject: BILINGUAL,
      body: { ...BILINGUAL, description: 'placeholders {{name}} {{module}} {{link}} {{percent}}' },
      enabled: { type: 'boolean' as const, default: true },
    },
  },
};

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('modules/:slug/reminder-rules')
export class ReminderRuleController {
  constructor(private readonly rules: ReminderRuleService) {}

  @Get()
  @Roles('staff')
  @ApiOkResponse({
    standardSchema: z.array(reminderRuleResponse),
    description: "The module's reminder rules, in order",
  })
  @ApiNotFoundResponse({ description: 'No published module with this slug' })
  list(@Param('slug', { schema: slugParam }) slug: string) {
    return this.rules.list(slug);
  }

  @Put()
  @Roles('staff')
  @ApiBody({ schema: RULES })
  @ApiOkResponse({
    standardSchema: z.array(reminderRuleResponse),
    description:
      'Replaces the rules (audited). They run on their own; each member is reminded at most once per rule and occasion',
  })
  replace(
    @Param('slug', { schema: slugParam }) slug: string,
    @Body({ schema: reminderRulesSchema }) body: ReminderRuleDto[],
    @CurrentUser() user: AuthUser,
  ) {
    return this.rules.replace(user, slug, body);
  }
}
