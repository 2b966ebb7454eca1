import { JobProducer, QueueName } from '@greenlight/queue';
import { makeMember, makeStaff, SpareRedis, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { itemOf, oneLessonModule, ProgressTestModule, publish, until } from '../testing/progress-fixtures';

jest.setTimeout(60_000);

describe('completing modules while Redis is down', () => {
  let redis: SpareRedis;
  let redisUp = false;
  let t: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    redis = await SpareRedis.start();
    redisUp = true;
    t = await startTestApp(() => ProgressTestModule, {
      env: { REDIS_URL: redis.url, OUTBOX_POLL_MS: '200', OUTBOX_BACKOFF_MAX_MS: '800' },
    });
    staff = await makeStaff(t);
  });
  afterAll(async () => {
    if (!redisUp) await redis.start();
    await t.close();
    await redis.stop();
  });

  it('still completes, then issues exactly one certificates job per enrolment once Redis is back', async () => {
    const document = oneLessonModule();
    const module = await publish(t, staff, document);
    const lesson = itemOf(module, 'u1', 'read');
    const enrolments: { member: TestUser; id: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const member = await makeMember(t);
      const enrolled = await t.request('POST', `/api/modules/${document.slug}/enrolments`, {
        token: member.token,
        body: {},
      });
      enrolments.push({ member, id: enrolled.body.id });
    }

    await redis.stop();
    redisUp = false;
    const responses = await Promise.all(
      enrolments.flatMap(({ member, id }) =>
        Array.from({ length: 5 }, () =>
          t.request('POST', `/api/enrolments/${id}/items/${lesson.id}/complete`, { token: member.token }),
        ),
      ),
    );
    expect(responses.every((r) => r.status === 200 && r.body.status === 'completed')).toBe(true);
    const pending = await until(
      () => t.db.pool.query(`SELECT attempts, published_at FROM progress.outbox`).then((r) => r.rows),
      (rows) => rows.length === 3 && rows.every((row) => row.attempts >= 1),
    );
    expect(pending.every((row) => row.published_at === null)).toBe(true);
    const backlog = await t.request('GET', '/api/reports/outbox', { token: staff.token });
    expect(backlog.body).toMatchObject({ pending: 3, retrying: 3, lastError: expect.any(String) });

    await redis.start();
    redisUp = true;
    await until(
      () => t.db.pool.query(`SELECT count(*)::int AS n FROM progress.outbox WHERE published_at IS NULL`),
      (result) => result.rows[0].n === 0,
    );
    expect((await t.request('GET', '/api/reports/outbox', { token: staff.token })).body).toEqual({
      pending: 0,
      retrying: 0,
      oldestPendingAt: null,
      lastError: null,
    });
    const queue = t.app.get(JobProducer).queue(QueueName.Certificates);
    const jobs = await until(
      () => queue.getJobs(['waiting', 'delayed', 'active', 'completed']),
      (found) => found.length >= 3,
    );
    expect(jobs.map((job) => job.id).sort()).toEqual(enrolments.map(({ id }) => `certificate-${id}`).sort());
  });
});
