import { makeMember, makeStaff, SpareRedis, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { PlatformModule } from '../apps/platform/src/platform.module';
import { itemOf, oneLessonModule, publish, until } from '../libs/progress/src/testing/progress-fixtures';

jest.setTimeout(90_000);

/** Issue 18: revoke and reissue are changes of the certificate service; their follow-ups leave through its outbox. */
describe('revoking and reissuing while Redis is down', () => {
  let redis: SpareRedis;
  let redisUp = false;
  let t: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    redis = await SpareRedis.start();
    redisUp = true;
    t = await startTestApp((config) => PlatformModule.register(config), {
      env: { REDIS_URL: redis.url, RUN_WORKER: 'true', OUTBOX_POLL_MS: '200', OUTBOX_BACKOFF_MAX_MS: '800' },
    });
    staff = await makeStaff(t);
  });
  afterAll(async () => {
    if (!redisUp) await redis.start();
    await t.close();
    await redis.stop();
  });

  const recorded = (enrolmentId: string) =>
    t.db.pool
      .query(`SELECT serial, status FROM progress.enrolment_certificates WHERE enrolment_id = $1`, [enrolmentId])
      .then((result) => result.rows[0] as { serial: string; status: string } | undefined);

  async function certified(document: { slug: string }, lessonId: string) {
    const member = await makeMember(t);
    const enrolment = await t.request('POST', `/api/modules/${document.slug}/enrolments`, {
      token: member.token,
      body: {},
    });
    await t.request('POST', `/api/enrolments/${enrolment.body.id}/items/${lessonId}/complete`, { token: member.token });
    const [certificate] = await until(
      async () => (await t.request('GET', '/api/me/certificates', { token: member.token })).body as { id: string }[],
      (found) => found.length === 1,
    );
    await until(
      () => recorded(enrolment.body.id),
      (fact) => fact?.status === 'issued',
    );
    return { member, enrolmentId: enrolment.body.id as string, certificate };
  }

  it('both succeed at once, and progress and the holder hear of them once Redis is back', async () => {
    const document = oneLessonModule();
    const module = await publish(t, staff, document);
    const lesson = itemOf(module, 'u1', 'read');
    const revoked = await certified(document, lesson.id);
    const reissued = await certified(document, lesson.id);

    await redis.stop();
    redisUp = false;
    const revoke = await t.request('POST', `/api/certificates/${revoked.certificate.id}/revoke`, {
      token: staff.token,
      body: { reason: 'Issued in error' },
    });
    expect(revoke.status).toBe(200);
    expect(revoke.body.status).toBe('revoked');
    const reissue = await t.request('POST', `/api/certificates/${reissued.certificate.id}/reissue`, {
      token: staff.token,
      body: { reason: 'Name corrected' },
    });
    expect(reissue.status).toBe(201);
    const successor = reissue.body as { id: string; serial: string };

    // Revoked, superseded and the successor's status: kept until Redis answers.
    const pending = await until(
      () =>
        t.db.pool
          .query(`SELECT payload->>'status' AS status, attempts FROM certificate.outbox WHERE published_at IS NULL`)
          .then((r) => r.rows as { status: string; attempts: number }[]),
      (rows) => rows.length === 3 && rows.every((row) => row.attempts >= 1),
    );
    expect(pending.map((row) => row.status).sort()).toEqual(['issued', 'revoked', 'superseded']);
    expect((await recorded(revoked.enrolmentId))?.status).toBe('issued');

    await redis.start();
    redisUp = true;
    expect(
      await until(
        () => recorded(revoked.enrolmentId),
        (fact) => fact?.status === 'revoked',
      ),
    ).toEqual({ serial: expect.any(String), status: 'revoked' });
    expect(
      await until(
        () => recorded(reissued.enrolmentId),
        (fact) => fact?.serial === successor.serial,
      ),
    ).toEqual({ serial: successor.serial, status: 'issued' });
    const mail = await until(
      () =>
        t.db.pool
          .query(`SELECT status FROM messages.messages WHERE dedupe_key = $1`, [`certificate-issued-${successor.id}`])
          .then((r) => r.rows as { status: string }[]),
      (rows) => rows[0]?.status === 'sent',
    );
    expect(mail).toHaveLength(1);
    const left = await t.db.pool.query(`SELECT count(*)::int AS n FROM certificate.outbox WHERE published_at IS NULL`);
    expect(left.rows[0].n).toBe(0);
  });
});
