import { JobProducer, QueueName } from '@greenlight/queue';
import { makeMember, makeStaff, SpareRedis, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CertificateWorkerAppModule } from '../../apps/certificate-worker/src/certificate-worker-app.module';
import { PlatformModule } from '../../apps/platform/src/platform.module';
import { itemOf, oneLessonModule, publish, until } from '../../libs/progress/src/testing/progress-fixtures';

jest.setTimeout(180_000);

const COHORT = 40;
// Longer than seeding the cohort takes, so the sweep first runs after the jobs are lost.
const GRACE_S = 20;

/**
 * Issue 18's drill: a Redis without persistence is killed while certificate jobs wait in it (no worker
 * was running), so every job is lost although the outbox had published them all. The sweep finds the
 * completed enrolments still without a certificate after RECONCILE_AFTER_S and asks again: every
 * completed member ends with exactly one certificate, and the backlog shows in health and metrics.
 */
describe('drill: a Redis without persistence loses the queued certificate jobs', () => {
  let redis: SpareRedis;
  let platform: TestApp;
  let worker: TestApp | undefined;
  let staff: TestUser;

  beforeAll(async () => {
    redis = await SpareRedis.start({ persistent: false });
    platform = await startTestApp((config) => PlatformModule.register(config), {
      env: { REDIS_URL: redis.url, RECONCILE_AFTER_S: String(GRACE_S), OUTBOX_POLL_MS: '200' },
    });
    staff = await makeStaff(platform);
  });
  afterAll(async () => {
    await worker?.close();
    await platform.close();
    await redis.stop();
  });

  const counts = () =>
    platform.db.pool
      .query(
        `SELECT (SELECT count(*)::int FROM certificate.certificates) AS certificates,
                (SELECT count(DISTINCT enrolment_id)::int FROM certificate.certificates) AS enrolments,
                (SELECT count(*)::int FROM progress.enrolment_certificates) AS recorded`,
      )
      .then((result) => result.rows[0] as { certificates: number; enrolments: number; recorded: number });
  const health = async () => (await platform.request('GET', '/api/health')).body;

  it('every completed member still gets exactly one certificate', async () => {
    const started = Date.now();
    const document = oneLessonModule();
    const module = await publish(platform, staff, document);
    const lesson = itemOf(module, 'u1', 'read');
    for (let i = 0; i < COHORT; i++) {
      const member = await makeMember(platform);
      const enrolment = await platform.request('POST', `/api/modules/${document.slug}/enrolments`, {
        token: member.token,
        body: {},
      });
      const done = await platform.request('POST', `/api/enrolments/${enrolment.body.id}/items/${lesson.id}/complete`, {
        token: member.token,
      });
      expect(done.body.status).toBe('completed');
    }
    expect(Date.now() - started).toBeLessThan(GRACE_S * 1000);
    const queue = platform.app.get(JobProducer).queue(QueueName.Certificates);
    await until(
      () => queue.getWaitingCount(),
      (n) => n === COHORT,
    );
    // The relay queues an event's job, then marks the event published: the last mark may follow the last job.
    await until(
      async () =>
        (await platform.db.pool.query(`SELECT count(*)::int AS n FROM progress.outbox WHERE published_at IS NULL`))
          .rows[0].n as number,
      (n) => n === 0,
    );
    expect((await health()).details.certificateBacklog.waiting).toBe(COHORT);

    await redis.stop();
    await redis.start();
    expect(await queue.getWaitingCount()).toBe(0);

    worker = await startTestApp(() => CertificateWorkerAppModule, {
      db: platform.db,
      env: { REDIS_URL: redis.url, QUEUE_PREFIX: platform.config.QUEUE_PREFIX, RUN_WORKER: 'true' },
    });
    const final = await until(counts, (c) => c.recorded === COHORT, 90_000);
    // A duplicate would appear now.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await counts()).toEqual({ certificates: COHORT, enrolments: COHORT, recorded: COHORT });
    expect(final.certificates).toBe(COHORT);
    const asked = await platform.db.pool.query(
      `SELECT count(*)::int AS n, max(attempts) AS most FROM progress.certificate_reconciliations`,
    );
    expect(asked.rows[0]).toEqual({ n: COHORT, most: 1 });
    await until(
      async () => (await health()).details.certificateBacklog,
      (backlog) => backlog.waiting === 0 && backlog.overdue === 0,
    );
    const metrics = await platform.request('GET', '/api/metrics');
    expect(metrics.text).toMatch(/^greenlight_certificate_backlog\{state="waiting"\} 0$/m);
    expect(metrics.text).toMatch(/^greenlight_certificate_backlog\{state="overdue"\} 0$/m);
  });
});
