import { Module } from '@nestjs/common';
import { MessagesService } from './messages.service';
import { MessageRelay } from './sending/message-relay';
import { MessageRepository } from './sending/message.repository';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe/unsubscribe.service';
import { UnsubscribeTokens } from './unsubscribe/unsubscribe-tokens';

/**
 * Writing messages (any service that emails imports this), the relay to the notifications queue and
 * the unsubscribe routes. Delivery is MessagesWorkerModule's, mounted where workers run.
 */
@Module({
  controllers: [UnsubscribeController],
  providers: [MessagesService, MessageRepository, MessageRelay, UnsubscribeTokens, UnsubscribeService],
  exports: [MessagesService],
})
export class MessagesModule {}
