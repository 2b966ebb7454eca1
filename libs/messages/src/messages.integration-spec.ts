import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CoreModule } from '@greenlight/common';
import { JobProducer, QueueModule, QueueName } from '@greenlight/queue';
import { MailCatcher, SpareRedis, startTestApp, TestApp, until } from '@greenlight/testing';
import { MessagesModule } from './messages.module';
import { MessagesService, OutgoingMessage } from './messages.service';
import { MessagesWorkerModule } from './messages-worker.module';
import { UnsubscribeTokens } from './unsubscribe/unsubscribe-tokens';

jest.setTimeout(60_000);

@Module({ imports: [CoreModule, QueueModule, MessagesModule, MessagesWorkerModule] })
class MessagesTestModule {}

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const id = randomUUID().slice(0, 8);
  return {
    kind: 'test',
    to: `someone-${id}@example.org`,
    locale: 'en',
    subject: `Hello ${id}`,
    text: `Body ${id}`,
    dedupeKey: `test-${id}`,
    ...overrides,
  };
}

const rowOf = async (t: TestApp, dedupeKey: string) =>
  (
    await t.db.pool.query<{
      id: string;
      status: string;
      attempts: number;
      round: number;
      transport: string | null;
      last_error: string | null;
    }>(`SELECT id, status, attempts, round, transport, last_error FROM messages.messages WHERE dedupe_key = $1`, [
      dedupeKey,
    ])
  ).rows[0];

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe('messages', () => {
  describe('through a working SMTP server', () => {
    let catcher: MailCatcher;
    let t: TestApp;
    beforeAll(async () => {
      catcher = await MailCatcher.start();
      t = await startTestApp(() => MessagesTestModule, { env: { SMTP_URL: catcher.url, MESSAGES_POLL_MS: '200' } });
    });
    afterAll(async () => {
      await t.close();
      await catcher.close();
    });

    it('delivers a message once, with its language and a Message-ID that stays the same on retries', async () => {
      const sent = message({ locale: 'fr', subject: 'Votre certificat', text: 'Bonjour' });
      const first = await t.app.get(MessagesService).send(sent);
      expect(first.created).toBe(true);
      const mail = await catcher.next((m) => m.envelopeTo.includes(sent.to));
      expect(mail.subject).toBe('Votre certificat');
      expect(mail.text?.trim()).toBe('Bonjour');
      expect(mail.headers.get('content-language')).toBe('fr');
      expect(mail.messageId).toBe(`<${first.id}@localhost>`);
      await until(
        () => rowOf(t, sent.dedupeKey),
        (row) => row?.status === 'sent',
      );
      expect(await rowOf(t, sent.dedupeKey)).toMatchObject({ attempts: 1, transport: 'smtp' });

      // The same occasion again (a retried request, a rule run twice) writes and sends nothing new.
      const again = await t.app.get(MessagesService).send({ ...sent, subject: 'changed' });
      expect(again).toEqual({ id: first.id, created: false });
      await settle();
      expect(catcher.to(sent.to)).toHaveLength(1);
    });

    it('puts the unsubscribe link in the List-Unsubscribe header of a message a member can opt out of', async () => {
      const userId = randomUUID();
      const sent = message({ userId, unsubscribable: true });
      await t.app.get(MessagesService).send(sent);
      const mail = await catcher.next((m) => m.envelopeTo.includes(sent.to));
      const token = t.app.get(UnsubscribeTokens).tokenFor(userId);
      const header = mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line;
      expect(header?.replace(/\r?\n\s+/g, ' ')).toBe(`List-Unsubscribe: <http://localhost:3000/unsubscribe/${token}>`);
    });

    it('writes a message in the caller’s transaction: sent after commit, never after rollback', async () => {
      const kept = message();
      const dropped = message();
      const client = await t.db.pool.connect();
      try {
        await client.query('BEGIN');
        await t.app.get(MessagesService).send(dropped, { sql: client });
        await client.query('ROLLBACK');
        await client.query('BEGIN');
        await t.app.get(MessagesService).send(kept, { sql: client });
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      await catcher.next((m) => m.envelopeTo.includes(kept.to));
      await settle();
      expect(catcher.to(dropped.to)).toHaveLength(0);
      expect(await rowOf(t, dropped.dedupeKey)).toBeUndefined();
    });

    it('keeps retrying while the SMTP server refuses, then delivers exactly one copy', async () => {
      catcher.rejectNext(2);
      const before = catcher.attempts;
      const sent = message();
      await t.app.get(MessagesService).send(sent);
      await catcher.next((m) => m.envelopeTo.includes(sent.to));
      const row = await until(
        () => rowOf(t, sent.dedupeKey),
        (r) => r?.status === 'sent',
      );
      expect(row).toMatchObject({ attempts: 3, round: 0, last_error: null });
      expect(catcher.attempts - before).toBe(3);
      await settle();
      expect(catcher.to(sent.to)).toHaveLength(1);
    });

    it('refuses a message with no address or no dedupe key', async () => {
      await expect(t.app.get(MessagesService).send(message({ to: 'nobody' }))).rejects.toThrow(/email address/);
      await expect(t.app.get(MessagesService).send(message({ dedupeKey: ' ' }))).rejects.toThrow(/dedupe key/);
    });
  });

  describe('when Redis is down at send time', () => {
    let catcher: MailCatcher;
    let redis: SpareRedis;
    let redisUp = false;
    let t: TestApp;
    beforeAll(async () => {
      catcher = await MailCatcher.start();
      redis = await SpareRedis.start();
      redisUp = true;
      t = await startTestApp(() => MessagesTestModule, {
        env: { SMTP_URL: catcher.url, REDIS_URL: redis.url, MESSAGES_POLL_MS: '200' },
      });
    });
    afterAll(async () => {
      if (!redisUp) await redis.start();
      await t.close();
      await redis.stop();
      await catcher.close();
    });

    it('keeps the message in the log and delivers it once Redis is back', async () => {
      await redis.stop();
      redisUp = false;
      const sent = message();
      await t.app.get(MessagesService).send(sent);
      const waiting = await until(
        () => rowOf(t, sent.dedupeKey),
        (row) => !!row?.last_error,
      );
      expect(waiting.status).toBe('pending');
      expect(catcher.received).toHaveLength(0);

      await redis.start();
      redisUp = true;
      await catcher.next((m) => m.envelopeTo.includes(sent.to), 30_000);
      await until(
        () => rowOf(t, sent.dedupeKey),
        (row) => row?.status === 'sent',
      );
      await settle();
      expect(catcher.to(sent.to)).toHaveLength(1);
    });
  });

  describe('when Redis lost a queued job', () => {
    let t: TestApp;
    beforeAll(async () => {
      // No notifications worker here, so the job waits in Redis until the test takes it away.
      t = await startTestApp(() => MessagesTestModule, {
        env: { WORKER_QUEUES: 'certificates', MESSAGES_POLL_MS: '200', MESSAGES_REQUEUE_AFTER_S: '1' },
      });
    });
    afterAll(() => t.close());

    it('queues the message again in a new round', async () => {
      const sent = message();
      const { id } = await t.app.get(MessagesService).send(sent);
      const queue = t.app.get(JobProducer).queue(QueueName.Notifications);
      const firstJob = await until(
        () => queue.getJob(`message-${id}-0`),
        (job) => !!job,
      );
      await settle();
      // Still waiting after the grace period: the sweep leaves a job Redis still holds alone.
      expect(await rowOf(t, sent.dedupeKey)).toMatchObject({ round: 0, status: 'pending' });
      await firstJob!.remove();
      await until(
        () => queue.getJob(`message-${id}-1`),
        (job) => !!job,
      );
      expect(await rowOf(t, sent.dedupeKey)).toMatchObject({ round: 1, status: 'pending' });
    });
  });

  describe('unsubscribe links', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(() => MessagesTestModule);
    });
    afterAll(() => t.close());

    it('opt a member out without signing in; a link we did not sign is a 404', async () => {
      const userId = randomUUID();
      const token = t.app.get(UnsubscribeTokens).tokenFor(userId);
      expect((await t.request('GET', `/api/unsubscribe/${token}`)).body).toEqual({
        unsubscribed: false,
        unsubscribedAt: null,
      });
      const opted = await t.request('POST', `/api/unsubscribe/${token}`);
      expect(opted.status).toBe(200);
      expect(opted.body.unsubscribed).toBe(true);
      expect(await t.app.get(MessagesService).unsubscribed([userId, randomUUID()])).toEqual(new Set([userId]));
      expect((await t.request('POST', `/api/unsubscribe/${token}`)).status).toBe(200);

      const forged = `${randomUUID()}.${token.split('.')[1]}`;
      for (const bad of [forged, 'nonsense', `${token}.x`]) {
        expect((await t.request('GET', `/api/unsubscribe/${encodeURIComponent(bad)}`)).status).toBe(404);
        expect((await t.request('POST', `/api/unsubscribe/${encodeURIComponent(bad)}`)).status).toBe(404);
      }
    });
  });
});
