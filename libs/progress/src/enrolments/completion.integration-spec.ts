import { JobName, JobProducer, QueueName } from '@greenlight/queue';
import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import {
  itemOf,
  moduleDocument,
  oneLessonModule,
  ProgressTestModule,
  publish,
  rightAnswers,
  until,
} from '../testing/progress-fixtures';

jest.setTimeout(30_000);

describe('completing a module', () => {
  let t: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    t = await startTestApp(() => ProgressTestModule, { env: { OUTBOX_POLL_MS: '200' } });
    staff = await makeStaff(t);
  });
  afterAll(() => t.close());

  const outboxFor = async (enrolmentId: string) =>
    (
      await t.db.pool.query(
        `SELECT type, payload, published_at FROM progress.outbox WHERE payload->>'enrolmentId' = $1`,
        [enrolmentId],
      )
    ).rows;

  async function enrol(member: TestUser, slug: string, body: Record<string, unknown> = {}) {
    const response = await t.request('POST', `/api/modules/${slug}/enrolments`, { token: member.token, body });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('completes once, sets completed_at once and writes one outbox row under 10 parallel last completions', async () => {
    const document = oneLessonModule();
    const module = await publish(t, staff, document);
    const member = await makeMember(t);
    const enrolment = await enrol(member, document.slug);
    const lesson = itemOf(module, 'u1', 'read');

    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.request('POST', `/api/enrolments/${enrolment.id}/items/${lesson.id}/complete`, { token: member.token }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const completedAt = new Set(responses.map((r) => r.body.completedAt));
    expect(completedAt.size).toBe(1);
    expect([...completedAt][0]).not.toBeNull();

    const rows = await outboxFor(enrolment.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].type).toBe('module.completed');
    expect(rows[0].payload).toEqual({
      enrolmentId: enrolment.id,
      memberId: member.user.id,
      moduleId: module.id,
      moduleSlug: document.slug,
      moduleVersion: 1,
      track: null,
      completedAt: [...completedAt][0],
    });
    const counters = await t.db.pool.query(
      'SELECT sum(enrolled)::int AS enrolled, sum(completed)::int AS completed FROM progress.module_counters WHERE module_id = $1',
      [module.id],
    );
    expect(counters.rows[0]).toEqual({ enrolled: 1, completed: 1 });
  });

  it('completes once when different last items race (two lessons, each sent five times)', async () => {
    const document = moduleDocument({
      tracks: [],
      units: [
        {
          key: 'u1',
          title: 'U',
          items: [
            { key: 'a', kind: 'lesson', title: 'A', body: 'A' },
            { key: 'b', kind: 'lesson', title: 'B', body: 'B' },
          ],
        },
      ],
    });
    const module = await publish(t, staff, document);
    const member = await makeMember(t);
    const enrolment = await enrol(member, document.slug);
    const ids = [itemOf(module, 'u1', 'a').id, itemOf(module, 'u1', 'b').id];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.request('POST', `/api/enrolments/${enrolment.id}/items/${ids[i % 2]}/complete`, { token: member.token }),
      ),
    );
    const view = await t.request('GET', `/api/enrolments/${enrolment.id}`, { token: member.token });
    expect(view.body).toMatchObject({
      status: 'completed',
      progress: { completedItems: 2, totalItems: 2, percent: 100 },
    });
    expect(await outboxFor(enrolment.id)).toHaveLength(1);
  });

  it('writes no outbox row when the module has no certificate', async () => {
    const document = oneLessonModule({ certificate: { enabled: false, cpdHours: 0 } });
    const module = await publish(t, staff, document);
    const member = await makeMember(t);
    const enrolment = await enrol(member, document.slug);
    const done = await t.request(
      'POST',
      `/api/enrolments/${enrolment.id}/items/${itemOf(module, 'u1', 'read').id}/complete`,
      {
        token: member.token,
      },
    );
    expect(done.body.status).toBe('completed');
    expect(await outboxFor(enrolment.id)).toHaveLength(0);
  });

  it('runs the whole journey: lesson, quiz pass, staff-recorded session → one certificates job', async () => {
    const document = moduleDocument();
    const module = await publish(t, staff, document);
    const member = await makeMember(t, { verified: true });
    const enrolment = await enrol(member, document.slug, { track: 'emerging' });

    await t.request('POST', `/api/enrolments/${enrolment.id}/items/${itemOf(module, 'u1', 'read').id}/complete`, {
      token: member.token,
    });
    const passed = await t.request(
      'POST',
      `/api/enrolments/${enrolment.id}/quizzes/${itemOf(module, 'u1', 'check').id}/attempts`,
      {
        token: member.token,
        body: { answers: rightAnswers(module) },
      },
    );
    expect(passed.body).toMatchObject({ passed: true, moduleCompleted: false });
    let view = await t.request('GET', `/api/enrolments/${enrolment.id}`, { token: member.token });
    expect(view.body).toMatchObject({ status: 'in_progress', progress: { completedItems: 2, percent: 66 } });

    const attended = await t.request(
      'POST',
      `/api/modules/${document.slug}/items/${itemOf(module, 'u1', 'webinar').id}/attendance`,
      {
        token: staff.token,
        body: { emails: [member.user.email.toUpperCase()] },
      },
    );
    expect(attended.status).toBe(200);
    expect(attended.body).toMatchObject({ recorded: 1, unknown: [] });

    view = await t.request('GET', `/api/enrolments/${enrolment.id}`, { token: member.token });
    expect(view.body).toMatchObject({
      status: 'completed',
      progress: { completedItems: 3, totalItems: 3, percent: 100 },
    });
    expect(view.body.units[0].completed).toBe(true);

    const queue = t.app.get(JobProducer).queue(QueueName.Certificates);
    const job = await until(
      () => queue.getJob(`certificate-${enrolment.id}`),
      (found) => found !== undefined,
    );
    expect(job!.name).toBe(JobName.IssueCertificate);
    expect(job!.data).toMatchObject({ enrolmentId: enrolment.id, track: 'emerging', moduleVersion: 1 });
    await until(
      () => outboxFor(enrolment.id),
      (rows) => rows.length === 1 && rows[0].published_at !== null,
    );
  });

  it('lets staff complete an item for a member, with the reason in the audit log', async () => {
    const document = oneLessonModule();
    const module = await publish(t, staff, document);
    const member = await makeMember(t);
    const enrolment = await enrol(member, document.slug);
    const lesson = itemOf(module, 'u1', 'read');

    const noReason = await t.request('POST', `/api/enrolments/${enrolment.id}/items/${lesson.id}/staff-completion`, {
      token: staff.token,
      body: {},
    });
    expect(noReason.status).toBe(400);
    const byMember = await t.request('POST', `/api/enrolments/${enrolment.id}/items/${lesson.id}/staff-completion`, {
      token: member.token,
      body: { reason: 'I did it' },
    });
    expect(byMember.status).toBe(403);

    const done = await t.request('POST', `/api/enrolments/${enrolment.id}/items/${lesson.id}/staff-completion`, {
      token: staff.token,
      body: { reason: 'Attended the in-person version' },
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    const { rows } = await t.db.pool.query(
      `SELECT actor_id, action, reason, details FROM auth.audit_entries WHERE subject_id = $1`,
      [enrolment.id],
    );
    expect(rows).toEqual([
      {
        actor_id: staff.user.id,
        action: 'progress.item_completed_by_staff',
        reason: 'Attended the in-person version',
        details: expect.objectContaining({ itemId: lesson.id, memberId: member.user.id, moduleCompleted: true }),
      },
    ]);
    const source = await t.db.pool.query(
      `SELECT source, recorded_by FROM progress.item_completions WHERE enrolment_id = $1`,
      [enrolment.id],
    );
    expect(source.rows).toEqual([{ source: 'staff', recorded_by: staff.user.id }]);
  });

  it('answers each completion with the enrolment exactly as a fresh read shows it', async () => {
    // The answer is built from what the completing transaction read under its lock; a later GET reads it anew.
    const document = moduleDocument();
    const module = await publish(t, staff, document);
    const member = await makeMember(t);
    const enrolment = await enrol(member, document.slug, { track: 'established' });
    const fresh = async () => (await t.request('GET', `/api/enrolments/${enrolment.id}`, { token: member.token })).body;
    const complete = (unit: string, item: string, token = member.token, path = 'complete', body?: object) =>
      t.request('POST', `/api/enrolments/${enrolment.id}/items/${itemOf(module, unit, item).id}/${path}`, {
        token,
        body,
      });

    const failed = await t.request(
      'POST',
      `/api/enrolments/${enrolment.id}/quizzes/${itemOf(module, 'u1', 'check').id}/attempts`,
      { token: member.token, body: { answers: {} } },
    );
    expect(failed.body).toMatchObject({ passed: false, attemptsLeft: 1 });

    const first = await complete('u2', 'deal');
    expect(first.status).toBe(200);
    expect(first.body.units[1].completed).toBe(true);
    expect(first.body.units[0].items[1].quiz).toEqual({ attempts: 1, attemptsLeft: 1, passed: false, bestScore: 0 });
    expect(first.body).toEqual(await fresh());

    const again = await complete('u2', 'deal');
    expect(again.body).toEqual(first.body);

    const read = await complete('u1', 'read');
    expect(read.body.progress).toEqual({ completedItems: 2, totalItems: 4, percent: 50 });
    expect(read.body).toEqual(await fresh());

    await complete('u1', 'check', staff.token, 'staff-completion', { reason: 'Passed it on paper' });
    const last = await complete('u1', 'webinar', staff.token, 'staff-completion', { reason: 'Watched the recording' });
    expect(last.body).toMatchObject({ status: 'completed', progress: { completedItems: 4, percent: 100 } });
    expect(last.body.completedAt).not.toBeNull();
    expect(last.body).toEqual(await fresh());

    const units = await t.db.pool.query(
      `SELECT sum(completed)::int AS completed FROM progress.unit_counters WHERE module_id = $1`,
      [module.id],
    );
    expect(units.rows[0].completed).toBe(2);
  });
});
