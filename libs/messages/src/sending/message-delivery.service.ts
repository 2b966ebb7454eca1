import { Injectable, Logger } from '@nestjs/common';
import type { SendMessagePayload } from '@greenlight/queue';
import { MessageRepository } from './message.repository';
import { MessageTransport } from './message-transport';

export type DeliveryOutcome = 'sent' | 'logged' | 'already-sent' | 'missing' | 'superseded-round';

/** First retry round after a queue round failed; doubled each round, up to an hour. */
const ROUND_DELAY_MS = 60_000;
const MAX_ROUND_DELAY_MS = 3_600_000;

/** What the notifications worker does with one job: deliver the row once, or fail so BullMQ retries. */
@Injectable()
export class MessageDelivery {
  private readonly logger = new Logger(MessageDelivery.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly transport: MessageTransport,
  ) {}

  async deliver({ messageId, round }: SendMessagePayload): Promise<DeliveryOutcome> {
    const message = await this.messages.findById(messageId);
    if (!message) {
      this.logger.warn(`Message ${messageId} is not in the log; nothing to send`);
      return 'missing';
    }
    if (message.status === 'sent') return 'already-sent';
    // A later round owns the message now (this job was thought lost): let that one send it.
    if (message.round !== round) return 'superseded-round';
    await this.messages.countAttempt(messageId);
    try {
      await this.transport.deliver(message);
    } catch (error) {
      await this.messages.recordError(messageId, (error as Error).message ?? String(error));
      throw error;
    }
    await this.messages.markSent(messageId, this.transport.kind);
    return this.transport.kind === 'smtp' ? 'sent' : 'logged';
  }

  /** Every retry of a round failed: the message goes back to the relay for a later round, never dropped. */
  async roundFailed({ messageId, round }: SendMessagePayload): Promise<void> {
    const delay = Math.min(MAX_ROUND_DELAY_MS, ROUND_DELAY_MS * 2 ** round);
    this.logger.warn(`Message ${messageId} still undelivered after round ${round}; next round in ${delay / 1000} s`);
    await this.messages.giveBack(messageId, round, delay);
  }
}
