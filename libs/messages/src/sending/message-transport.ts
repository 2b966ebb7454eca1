import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig, InjectConfig } from '@greenlight/config';
import type { MessageRow } from './message.repository';

/**
 * Delivers one message through SMTP_URL. Without SMTP_URL (development, `npm start` with no mail server)
 * the message is written to the log instead and still counts as sent. Timeouts are short so that a hung
 * SMTP server fails the attempt (BullMQ retries it) instead of holding the job's lock for minutes.
 */
@Injectable()
export class MessageTransport implements OnApplicationShutdown {
  private readonly logger = new Logger('Messages');
  private readonly transport: Transporter | null;
  private readonly messageIdHost: string;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.transport = config.SMTP_URL
      ? createTransport({
          url: config.SMTP_URL,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : null;
    this.messageIdHost = new URL(config.PUBLIC_URL).hostname;
  }

  get kind(): 'smtp' | 'log' {
    return this.transport ? 'smtp' : 'log';
  }

  async deliver(message: MessageRow): Promise<void> {
    if (!this.transport) {
      this.logger.log(`SMTP_URL not set; message to ${message.to}: ${message.subject}\n${message.text}`);
      return;
    }
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html ?? undefined,
      // The same Message-ID on every attempt, so a receiver can drop the copy a crash after DATA would resend.
      messageId: `<${message.id}@${this.messageIdHost}>`,
      headers: { 'Content-Language': message.locale, 'X-Greenlight-Kind': message.kind },
      list: message.unsubscribeUrl ? { unsubscribe: message.unsubscribeUrl } : undefined,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
