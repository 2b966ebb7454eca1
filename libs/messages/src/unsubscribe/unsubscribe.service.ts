import { Injectable } from '@nestjs/common';
import { UnsubscribeStatusDto } from '../dto/unsubscribe.dto';
import { MessagesException, MessagesExceptionCode } from '../messages.exception';
import { MessageRepository } from '../sending/message.repository';
import { UnsubscribeTokens } from './unsubscribe-tokens';

@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly messages: MessageRepository,
  ) {}

  async status(token: string): Promise<UnsubscribeStatusDto> {
    const at = await this.messages.unsubscribedAt(this.memberOf(token));
    return { unsubscribed: at !== null, unsubscribedAt: at?.toISOString() ?? null };
  }

  async optOut(token: string): Promise<UnsubscribeStatusDto> {
    await this.messages.unsubscribe(this.memberOf(token));
    return this.status(token);
  }

  private memberOf(token: string): string {
    const userId = this.tokens.userOf(token);
    if (!userId) throw new MessagesException(MessagesExceptionCode.UnknownUnsubscribeToken, 'Unknown unsubscribe link');
    return userId;
  }
}
