import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { JobName, JobProducer, QueueModule, QueueName } from '@greenlight/queue';
import { makeMember, SpareRedis, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CertificateWorkerModule } from '../certificate-worker.module';
import { completionOf, insertPublishedModule, waitFor } from '../certificate.test-helper';

jest.setTimeout(60_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateWorkerModule] })
class WorkerTestModule {}

describe('the certificate worker across a Redis restart', () => {
  let redis: SpareRedis;
  let t: TestApp;
  let member: TestUser;

  const issuedFor = async (enrolmentId: string) =>
    Number(
      (await t.db.pool.query('SELECT count(*) FROM certificate.certificates WHERE enrolment_id = $1', [enrolmentId]))
        .rows[0].count,
    );

  beforeAll(async () => {
    redis = await SpareRedis.start();
    t = await startTestApp(() => WorkerTestModule, { env: { REDIS_URL: redis.url } });
    member = await makeMember(t);
  });
  afterAll(async () => {
    await redis.start().catch(() => undefined);
    await t.close();
    await redis.stop();
  });

  it('keeps a waiting job through the outage and issues it, and the next ones, once Redis is back', async () => {
    const module = await insertPublishedModule(t);
    const jobs = t.app.get(JobProducer);
    const before = completionOf(module, member.user.id);
    // Delayed, so it is still waiting in Redis when Redis goes down (its append-only file keeps it).
    await jobs.queue(QueueName.Certificates).add(JobName.IssueCertificate, before, {
      jobId: `certificate-${before.enrolmentId}`,
      delay: 1000,
    });
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await issuedFor(before.enrolmentId)).toBe(0);
    await redis.start();
    await waitFor(async () => (await issuedFor(before.enrolmentId)) === 1, 30_000);

    const after = Array.from({ length: 5 }, () => completionOf(module, member.user.id));
    await jobs.addBulk(JobName.IssueCertificate, after);
    for (const completion of after) await waitFor(async () => (await issuedFor(completion.enrolmentId)) === 1, 30_000);
    expect(await issuedFor(before.enrolmentId)).toBe(1);
  });
});
