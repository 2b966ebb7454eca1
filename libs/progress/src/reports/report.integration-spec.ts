import { randomUUID } from 'node:crypto';
import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import {
  itemOf,
  moduleDocument,
  ModuleRead,
  ProgressTestModule,
  publish,
  rightAnswers,
} from '../testing/progress-fixtures';

jest.setTimeout(30_000);

describe('staff reports', () => {
  let t: TestApp;
  let staff: TestUser;
  let module: ModuleRead;
  let slug: string;
  const people: { member: TestUser; enrolmentId: string }[] = [];

  async function enrol(name: string, track: string) {
    const member = await makeMember(t, { name });
    const response = await t.request('POST', `/api/modules/${slug}/enrolments`, {
      token: member.token,
      body: { track },
    });
    people.push({ member, enrolmentId: response.body.id });
    return { member, enrolmentId: response.body.id as string };
  }

  const finish = async (who: { member: TestUser; enrolmentId: string }) => {
    await t.request('POST', `/api/enrolments/${who.enrolmentId}/items/${itemOf(module, 'u1', 'read').id}/complete`, {
      token: who.member.token,
    });
    await t.request('POST', `/api/enrolments/${who.enrolmentId}/quizzes/${itemOf(module, 'u1', 'check').id}/attempts`, {
      token: who.member.token,
      body: { answers: rightAnswers(module) },
    });
    await t.request('POST', `/api/modules/${slug}/items/${itemOf(module, 'u1', 'webinar').id}/attendance`, {
      token: staff.token,
      body: { emails: [who.member.user.email] },
    });
  };

  beforeAll(async () => {
    t = await startTestApp(() => ProgressTestModule, { env: { OUTBOX_RELAY: 'false' } });
    staff = await makeStaff(t);
    const document = moduleDocument();
    slug = document.slug;
    module = await publish(t, staff, document);

    const jane = await enrol('Doe, Jane "JD"', 'emerging');
    const zoe = await enrol('Zoë Lévesque-Côté', 'emerging');
    await enrol('Sam Established', 'established');
    await finish(jane);
    await finish(zoe);
    // Zoë finished in 2 days, Jane in 4: the median is 3.
    await t.db.pool.query(
      `UPDATE progress.enrolments SET enrolled_at = completed_at - interval '4 days' WHERE id = $1`,
      [jane.enrolmentId],
    );
    await t.db.pool.query(
      `UPDATE progress.enrolments SET enrolled_at = completed_at - interval '2 days' WHERE id = $1`,
      [zoe.enrolmentId],
    );
    // Sam misses the short answer and the single choice once.
    const sam = people[2];
    const quiz = itemOf(module, 'u1', 'check');
    await t.request('POST', `/api/enrolments/${sam.enrolmentId}/quizzes/${quiz.id}/attempts`, {
      token: sam.member.token,
      body: { answers: { [quiz.questions![1].id]: true } },
    });
    await t.db.pool.query(
      `INSERT INTO progress.enrolment_certificates (enrolment_id, certificate_id, serial, status, changed_at)
       VALUES ($1, $2, 'GL-2026-7K3Q-9XPM', 'issued', now())`,
      [jane.enrolmentId, randomUUID()],
    );
  });
  afterAll(() => t.close());

  it('gives the cross-module overview from the counters', async () => {
    const response = await t.request('GET', '/api/reports/modules', { token: staff.token });
    expect(response.status).toBe(200);
    expect(response.body.find((row: { slug: string }) => row.slug === slug)).toEqual({
      slug,
      title: 'Banking for Producers',
      enrolled: 3,
      inProgress: 1,
      completed: 2,
      completionRate: 0.6667,
    });
  });

  it('summarises one module: median days, units, quizzes and most-missed questions', async () => {
    const response = await t.request('GET', `/api/reports/modules/${slug}?lang=fr`, { token: staff.token });
    expect(response.status).toBe(200);
    const quiz = itemOf(module, 'u1', 'check');
    expect(response.body).toMatchObject({
      slug,
      title: 'Les banques et les producteurs',
      enrolled: 3,
      inProgress: 1,
      completed: 2,
      completionRate: 0.6667,
      medianDaysToComplete: 3,
      units: [
        { key: 'u1', title: 'Les banques', completed: 2 },
        { key: 'u2', completed: 0 },
      ],
      quizzes: [{ itemKey: 'check', attempts: 3, passed: 2, passRate: 0.6667 }],
    });
    expect(
      response.body.mostMissed.map((q: { key: string; missed: number; answered: number }) => [
        q.key,
        q.missed,
        q.answered,
      ]),
    ).toEqual([
      ['q1', 1, 3],
      ['q3', 1, 3],
    ]);
    expect(response.body.quizzes[0].mostMissed[0].questionId).toBe(quiz.questions![0].id);
    expect(JSON.stringify(response.body)).not.toContain('interim financing');
  });

  it('lists members as JSON with filters and paging', async () => {
    const all = await t.request('GET', `/api/reports/modules/${slug}/members`, { token: staff.token });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(all.body.items[0]).toEqual({
      name: 'Doe, Jane "JD"',
      email: people[0].member.user.email,
      track: 'emerging',
      status: 'completed',
      percent: 100,
      enrolledAt: expect.any(String),
      completedAt: expect.any(String),
      certificateSerial: 'GL-2026-7K3Q-9XPM',
    });
    const completed = await t.request(
      'GET',
      `/api/reports/modules/${slug}/members?status=completed&pageSize=1&page=2`,
      {
        token: staff.token,
      },
    );
    expect(completed.body.total).toBe(2);
    expect(completed.body.items.map((m: { name: string }) => m.name)).toEqual(['Zoë Lévesque-Côté']);
    const established = await t.request('GET', `/api/reports/modules/${slug}/members?track=established`, {
      token: staff.token,
    });
    expect(established.body.items).toEqual([expect.objectContaining({ name: 'Sam Established', percent: 0 })]);
    const search = async (query: string) =>
      (
        await t.request('GET', `/api/reports/modules/${slug}/members?query=${encodeURIComponent(query)}`, {
          token: staff.token,
        })
      ).body;
    expect((await search('lévesque')).items.map((m: { name: string }) => m.name)).toEqual(['Zoë Lévesque-Côté']);
    const byEmail = await search(people[2].member.user.email.toUpperCase());
    expect(byEmail).toMatchObject({ total: 1, items: [expect.objectContaining({ name: 'Sam Established' })] });
    expect((await search('%')).total).toBe(0);
    const bad = await t.request('GET', `/api/reports/modules/${slug}/members?status=lost`, { token: staff.token });
    expect(bad.status).toBe(400);
  });

  it('streams the member list as CSV with the exact header and proper quoting', async () => {
    const response = await t.request('GET', `/api/reports/modules/${slug}/members?format=csv`, { token: staff.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${slug}-members.csv"`);
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe('name,email,track,status,percent,enrolled_at,completed_at,certificate_serial');
    expect(lines[1]).toMatch(
      new RegExp(
        `^"Doe, Jane ""JD""",${people[0].member.user.email},emerging,completed,100,\\d{4}-[^,]+Z,\\d{4}-[^,]+Z,GL-2026-7K3Q-9XPM$`,
      ),
    );
    expect(lines[2]).toMatch(/^Zoë Lévesque-Côté,[^,]+,emerging,completed,100,/);
    expect(lines[3]).toMatch(/^Sam Established,[^,]+,established,in_progress,0,[^,]+,,$/);
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });

  it('answers 404 for an unknown module', async () => {
    expect((await t.request('GET', '/api/reports/modules/nope', { token: staff.token })).status).toBe(404);
    expect(
      (await t.request('GET', '/api/reports/modules/nope/members?format=csv', { token: staff.token })).status,
    ).toBe(404);
  });
});
