import { getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { JobName, JobProducer, QueueModule, QueueName } from '@greenlight/queue';
import { makeMember, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CertificateWorkerModule } from '../certificate-worker.module';
import { beforeInsert, completionOf, insertPublishedModule, waitFor } from '../certificate.test-helper';

jest.setTimeout(30_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateWorkerModule] })
class WorkerTestModule {}

describe('the certificate worker', () => {
  let t: TestApp;
  let jobs: JobProducer;
  let member: TestUser;

  const certificatesOf = async (enrolmentId: string) =>
    (
      await t.db.pool.query('SELECT id, serial, status FROM certificate.certificates WHERE enrolment_id = $1', [
        enrolmentId,
      ])
    ).rows;

  beforeAll(async () => {
    t = await startTestApp(() => WorkerTestModule, { env: { WORKER_CONCURRENCY: '4' } });
    jobs = t.app.get(JobProducer);
    member = await makeMember(t, { name: 'Nîpisîhkopahk Ōkawa' });
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('issues one certificate for a job added several times, and tells progress the serial', async () => {
    const module = await insertPublishedModule(t);
    const completion = completionOf(module, member.user.id);
    await jobs.add(JobName.IssueCertificate, completion);
    await jobs.add(JobName.IssueCertificate, completion);
    await jobs.addBulk(JobName.IssueCertificate, [completion, completion]);
    const [certificate] = await waitFor(async () => {
      const rows = await certificatesOf(completion.enrolmentId);
      return rows.length ? rows : undefined;
    });
    const progressEvents = t.app.get<Queue>(getQueueToken(QueueName.ProgressEvents), { strict: false });
    const record = await waitFor(() => progressEvents.getJob(`certificate-record-${certificate.id}-issued`));
    expect(record.data).toMatchObject({
      enrolmentId: completion.enrolmentId,
      certificateId: certificate.id,
      serial: certificate.serial,
      status: 'issued',
    });
    const certificates = t.app.get<Queue>(getQueueToken(QueueName.Certificates), { strict: false });
    await waitFor(
      async () => (await certificates.getJobState(`certificate-${completion.enrolmentId}`)) === 'completed',
    );
    expect(await certificatesOf(completion.enrolmentId)).toHaveLength(1);

    // The member is emailed the verify link once; without SMTP_URL the message goes to the log.
    const emails = await waitFor(async () => {
      const { rows } = await t.db.pool.query(
        `SELECT status, transport, to_address, subject FROM messages.messages WHERE dedupe_key = $1`,
        [`certificate-issued-${certificate.id}`],
      );
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
    expect(emails).toEqual([
      {
        status: 'sent',
        transport: 'log',
        to_address: member.user.email,
        subject: expect.stringContaining('certificate'),
      },
    ]);
  });

  it('issues one certificate when eight jobs for one enrolment arrive under different ids and run concurrently', async () => {
    const module = await insertPublishedModule(t);
    const completion = completionOf(module, member.user.id);
    const certificates = t.app.get<Queue>(getQueueToken(QueueName.Certificates), { strict: false });
    // Ids differ (say, a completed job was removed and the relay published again), so BullMQ cannot dedupe.
    await certificates.addBulk(
      Array.from({ length: 8 }, (_, n) => ({
        name: JobName.IssueCertificate,
        data: completion,
        opts: { jobId: `replay-${n}-${completion.enrolmentId}` },
      })),
    );
    await waitFor(async () => {
      const states = await Promise.all(
        Array.from({ length: 8 }, (_, n) => certificates.getJobState(`replay-${n}-${completion.enrolmentId}`)),
      );
      return states.every((state) => state === 'completed');
    });
    expect(await certificatesOf(completion.enrolmentId)).toHaveLength(1);
  });

  it('retries a failed job with backoff and still ends with one certificate', async () => {
    const module = await insertPublishedModule(t);
    const completion = completionOf(module, member.user.id);
    let calls = 0;
    beforeInsert(t, (record) => {
      if (record.enrolmentId !== completion.enrolmentId) return;
      calls += 1;
      if (calls === 1) throw new Error('database went away before commit');
    });
    await jobs.add(JobName.IssueCertificate, completion);
    await waitFor(async () => (await certificatesOf(completion.enrolmentId)).length === 1);
    expect(calls).toBe(2);
    const certificates = t.app.get<Queue>(getQueueToken(QueueName.Certificates), { strict: false });
    const job = await certificates.getJob(`certificate-${completion.enrolmentId}`);
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(1);
  });

  it('keeps a job that ran out of attempts in the failed set for inspection', async () => {
    const module = await insertPublishedModule(t);
    const completion = completionOf(module, member.user.id);
    beforeInsert(t, (record) => {
      if (record.enrolmentId === completion.enrolmentId) throw new Error('always broken');
    });
    const certificates = t.app.get<Queue>(getQueueToken(QueueName.Certificates), { strict: false });
    await certificates.add(JobName.IssueCertificate, completion, {
      jobId: `certificate-${completion.enrolmentId}`,
      attempts: 1,
    });
    await waitFor(async () => (await certificates.getJobState(`certificate-${completion.enrolmentId}`)) === 'failed');
    const failed = await certificates.getJob(`certificate-${completion.enrolmentId}`);
    expect(failed?.failedReason).toBe('always broken');
    expect(await certificatesOf(completion.enrolmentId)).toHaveLength(0);
  });

  it('lets the job in hand finish when the app shuts down', async () => {
    const module = await insertPublishedModule(t);
    const completion = completionOf(module, member.user.id);
    let entered!: () => void;
    const inHand = new Promise<void>((resolve) => (entered = resolve));
    beforeInsert(t, async (record) => {
      if (record.enrolmentId !== completion.enrolmentId) return;
      entered();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await jobs.add(JobName.IssueCertificate, completion);
    await inHand;
    await t.app.close();
    expect(await certificatesOf(completion.enrolmentId)).toHaveLength(1);
  });
});
