import { Module } from '@nestjs/common';
import { JobDispatchModule, QueueName } from '@greenlight/queue';
import { MessageDelivery } from './sending/message-delivery.service';
import { MessageRepository } from './sending/message.repository';
import { MessageTransport } from './sending/message-transport';
import { SendMessageProcessor } from './sending/send-message.processor';

/** The notifications worker: delivers message-log rows through SMTP_URL (consumes when WORKER_QUEUES says so). */
@Module({
  imports: [JobDispatchModule.forQueue(QueueName.Notifications)],
  providers: [SendMessageProcessor, MessageDelivery, MessageRepository, MessageTransport],
})
export class MessagesWorkerModule {}
