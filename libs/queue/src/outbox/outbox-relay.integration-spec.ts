import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CoreModule } from '@greenlight/common';
import { SpareRedis, startTestApp, TestApp, until } from '@greenlight/testing';
import { JobProducer } from '../job-producer';
import type { ModuleCompletedPayload } from '../job-payloads';
import { JobName, OutboxEventType, QueueName } from '../queue.constants';
import { QueueModule } from '../queue.module';
import { OutboxRelay } from './outbox-relay';
import { OutboxRelayModule, outboxRelayToken } from './outbox-relay.module';
import { writeOutboxEvent } from './outbox.constants';
import { outboxTable } from './relay-source';

jest.setTimeout(30_000);

@Module({ imports: [CoreModule, QueueModule, OutboxRelayModule.forOutbox('progress')] })
class RelayTestModule {}

function completion(): ModuleCompletedPayload {
  return {
    enrolmentId: randomUUID(),
    memberId: randomUUID(),
    moduleId: randomUUID(),
    moduleSlug: 'banking',
    moduleVersion: 1,
    track: null,
    completedAt: new Date().toISOString(),
  };
}

const outboxRows = (t: TestApp) =>
  t.db.pool
    .query<{ id: string; published: boolean; attempts: number; last_error: string | null; enrolment_id: string }>(
      `SELECT id, published_at IS NOT NULL AS published, attempts, last_error, payload->>'enrolmentId' AS enrolment_id
         FROM progress.outbox ORDER BY id`,
    )
    .then((result) => result.rows);

const certificateJobIds = async (t: TestApp) =>
  (await t.app.get(JobProducer).queue(QueueName.Certificates).getJobs(['waiting', 'delayed', 'active'])).map(
    (job) => job.id,
  );

describe('the outbox relay', () => {
  describe('woken by NOTIFY (polling every ten minutes)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(() => RelayTestModule, { env: { OUTBOX_POLL_MS: '600000' } });
    });
    afterAll(() => t.close());

    it('publishes a committed event at once, with the enrolment as the job id', async () => {
      const payload = completion();
      const client = await t.db.pool.connect();
      try {
        await client.query('BEGIN');
        await writeOutboxEvent(client, OutboxEventType.ModuleCompleted, payload);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      const ids = await until(
        () => certificateJobIds(t),
        (found) => found.length === 1,
        5000,
      );
      expect(ids).toEqual([`certificate-${payload.enrolmentId}`]);
      const job = await t.app.get(JobProducer).queue(QueueName.Certificates).getJob(ids[0]!);
      expect(job?.name).toBe(JobName.IssueCertificate);
      expect(job?.data).toEqual(payload);
      const rows = await until(
        () => outboxRows(t),
        (found) => found.every((row) => row.published),
        5000,
      );
      expect(rows).toHaveLength(1);
    });

    it('publishes nothing for a transaction that rolled back', async () => {
      const before = (await certificateJobIds(t)).length;
      const client = await t.db.pool.connect();
      try {
        await client.query('BEGIN');
        await writeOutboxEvent(client, OutboxEventType.ModuleCompleted, completion());
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      await t.app.get<OutboxRelay>(outboxRelayToken('progress')).drain();
      expect((await certificateJobIds(t)).length).toBe(before);
      expect((await outboxRows(t)).length).toBe(1);
    });
  });

  describe('when Redis goes away and comes back', () => {
    let redis: SpareRedis;
    let redisUp = false;
    let t: TestApp;
    beforeAll(async () => {
      redis = await SpareRedis.start();
      redisUp = true;
      t = await startTestApp(() => RelayTestModule, {
        env: { REDIS_URL: redis.url, OUTBOX_POLL_MS: '200', OUTBOX_BACKOFF_MAX_MS: '800' },
      });
    });
    afterAll(async () => {
      // BullMQ closes cleanly only with Redis there, so a test that failed mid-outage brings it back first.
      if (!redisUp) await redis.start();
      await t.close();
      await redis.stop();
    });

    it('keeps every row while Redis is down, then delivers each exactly once', async () => {
      await redis.stop();
      redisUp = false;
      const payloads = Array.from({ length: 5 }, completion);
      for (const payload of payloads) await writeOutboxEvent(t.db.pool, OutboxEventType.ModuleCompleted, payload);

      const waiting = await until(
        () => outboxRows(t),
        (rows) => rows.length === 5 && rows.every((row) => row.attempts >= 2),
      );
      expect(waiting.every((row) => !row.published && row.last_error)).toBe(true);

      await redis.start();
      redisUp = true;
      await until(
        () => outboxRows(t),
        (rows) => rows.every((row) => row.published),
      );
      const ids = await until(
        () => certificateJobIds(t),
        (found) => found.length >= 5,
      );
      expect([...ids].sort()).toEqual(payloads.map((p) => `certificate-${p.enrolmentId}`).sort());

      // The same completion relayed again (a crash after add, before the row was marked) is the same job.
      await writeOutboxEvent(t.db.pool, OutboxEventType.ModuleCompleted, payloads[0]);
      await until(
        () => outboxRows(t),
        (rows) => rows.length === 6 && rows.every((row) => row.published),
      );
      expect((await certificateJobIds(t)).length).toBe(5);
    });
  });

  describe('with several relays at once', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(() => RelayTestModule, { env: { OUTBOX_RELAY: 'false' } });
    });
    afterAll(() => t.close());

    it('hands each row to the queue once (FOR UPDATE SKIP LOCKED)', async () => {
      const payloads = Array.from({ length: 300 }, completion);
      for (const payload of payloads) await writeOutboxEvent(t.db.pool, OutboxEventType.ModuleCompleted, payload);
      const handed: string[] = [];
      const counting = {
        queue: () => ({ backend: { client: Promise.resolve({ status: 'ready' }) } }),
        addBulk: async (_name: JobName, batch: ModuleCompletedPayload[]) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          handed.push(...batch.map((p) => p.enrolmentId));
        },
      } as unknown as JobProducer;
      const relays = [1, 2, 3].map(
        () => new OutboxRelay(outboxTable('progress', t.config), t.app.get(DataSource), counting, t.config),
      );
      await Promise.all(relays.flatMap((relay) => [relay.relayBatch(50), relay.relayBatch(50)]));
      await Promise.all(relays.map((relay) => relay.drain()));

      expect(handed).toHaveLength(300);
      expect(new Set(handed).size).toBe(300);
      expect((await outboxRows(t)).every((row) => row.published && row.attempts === 1)).toBe(true);
    });
  });
});
