import { Injectable } from '@nestjs/common';
import type { Locale } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import type { SqlExecutor } from '@greenlight/queue';
import { MessagesException, MessagesExceptionCode } from './messages.exception';
import { MessageLogEntry, MessageRepository, NewMessage } from './sending/message.repository';
import { UnsubscribeTokens } from './unsubscribe/unsubscribe-tokens';

export type OutgoingMessage = Omit<NewMessage, 'unsubscribeUrl'> & {
  /** Reminders carry the member's unsubscribe link (footer and List-Unsubscribe header). */
  unsubscribable?: boolean;
};

export interface SendOptions {
  /** The caller's transaction: the message exists exactly when the change that causes it commits. */
  sql?: SqlExecutor;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The one way Greenlight sends email. `send` writes the message to the log (once per dedupe key) and
 * never touches SMTP or Redis itself: the relay queues it, the notifications worker delivers it and
 * marks it sent, so an SMTP or Redis outage delays a message and never loses or doubles it.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessageRepository,
    private readonly tokens: UnsubscribeTokens,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async send(message: OutgoingMessage, options: SendOptions = {}): Promise<{ id: string; created: boolean }> {
    const { unsubscribable, ...fields } = message;
    if (!EMAIL.test(fields.to)) {
      throw new MessagesException(MessagesExceptionCode.InvalidMessage, `not an email address: ${fields.to}`);
    }
    if (!fields.dedupeKey.trim()) {
      throw new MessagesException(MessagesExceptionCode.InvalidMessage, 'a message needs a dedupe key');
    }
    if (unsubscribable && !fields.userId) {
      throw new MessagesException(MessagesExceptionCode.InvalidMessage, 'only a member can unsubscribe');
    }
    // The insert notifies the relays, which PostgreSQL delivers when the row commits.
    return this.messages.insert(
      { ...fields, unsubscribeUrl: unsubscribable ? this.unsubscribeUrl(fields.userId!) : null },
      options.sql,
    );
  }

  /** The web page where a member opts out of reminders, without signing in; in their language when given. */
  unsubscribeUrl(userId: string, locale?: Locale): string {
    const url = new URL(`/unsubscribe/${this.tokens.tokenFor(userId)}`, this.config.PUBLIC_URL);
    if (locale) url.searchParams.set('lang', locale);
    return url.toString();
  }

  /** Members (of these) who opted out of reminders. */
  unsubscribed(userIds: string[]): Promise<Set<string>> {
    return this.messages.isUnsubscribed(userIds);
  }

  unsubscribedAt(userId: string): Promise<Date | null> {
    return this.messages.unsubscribedAt(userId);
  }

  /** Dedupe keys already in the log (their messages were written before). */
  alreadyWritten(dedupeKeys: string[]): Promise<Set<string>> {
    return this.messages.existingKeys(dedupeKeys);
  }

  listForUser(userId: string): Promise<MessageLogEntry[]> {
    return this.messages.listForUser(userId);
  }
}
