import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export type CaughtMail = ParsedMail & { envelopeTo: string[] };

interface Waiter {
  predicate: (mail: CaughtMail) => boolean;
  resolve: (mail: CaughtMail) => void;
}

/**
 * A real SMTP server in this process (smtp-server), on a free loopback port: the app sends to
 * `catcher.url` through nodemailer exactly as it would to a mail provider, and tests read what arrived.
 * `rejectNext(n)` answers the next n messages with a temporary failure; `hold()` keeps messages waiting
 * in DATA until released (a server that hangs, or a worker killed mid-send).
 */
export class MailCatcher {
  readonly received: CaughtMail[] = [];
  /** Every DATA the server was handed, accepted or not. */
  attempts = 0;
  private rejections = 0;
  private gate?: Promise<void>;
  private readonly waiters = new Set<Waiter>();

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      this.receive(stream, session).then(
        () => callback(),
        (error: Error & { responseCode?: number }) => callback(error),
      );
    },
  });

  private constructor() {}

  static async start(): Promise<MailCatcher> {
    const catcher = new MailCatcher();
    await new Promise<void>((resolve, reject) => {
      catcher.server.once('error', reject);
      catcher.server.listen(0, '127.0.0.1', () => resolve());
    });
    return catcher;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  rejectNext(count: number): void {
    this.rejections = count;
  }

  /** Holds every message in DATA until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  /** The first mail (already received or still to come) that matches, or an error after `timeoutMs`. */
  next(predicate: (mail: CaughtMail) => boolean = () => true, timeoutMs = 15_000): Promise<CaughtMail> {
    const found = this.received.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (mail) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(mail);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching mail within ${timeoutMs} ms (${this.received.length} received)`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Mails sent to an address (the envelope's recipients). */
  to(address: string): CaughtMail[] {
    return this.received.filter((mail) => mail.envelopeTo.includes(address.toLowerCase()));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    this.attempts += 1;
    if (this.gate) await this.gate;
    if (this.rejections > 0) {
      this.rejections -= 1;
      throw Object.assign(new Error('Try again later (test server)'), { responseCode: 451 });
    }
    const mail = Object.assign(await simpleParser(Buffer.concat(chunks)), {
      envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
    });
    this.received.push(mail);
    for (const waiter of [...this.waiters]) if (waiter.predicate(mail)) waiter.resolve(mail);
  }
}
