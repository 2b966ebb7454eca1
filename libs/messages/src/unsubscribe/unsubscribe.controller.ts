import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@greenlight/common';
import { UnsubscribeStatusDto, unsubscribeStatusResponse } from '../dto/unsubscribe.dto';
import { UnsubscribeService } from './unsubscribe.service';

@ApiTags('messages')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'Whether the member of this unsubscribe link still gets reminders (no sign-in needed)' })
  @ApiOkResponse({ standardSchema: unsubscribeStatusResponse })
  @ApiNotFoundResponse({ description: 'Not a link we sent' })
  status(@Param('token') token: string): Promise<UnsubscribeStatusDto> {
    return this.unsubscribe.status(token);
  }

  @Post(':token')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop reminders for the member of this unsubscribe link (no sign-in needed)' })
  @ApiOkResponse({ standardSchema: unsubscribeStatusResponse })
  @ApiNotFoundResponse({ description: 'Not a link we sent' })
  optOut(@Param('token') token: string): Promise<UnsubscribeStatusDto> {
    return this.unsubscribe.optOut(token);
  }
}
