import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { itemOf, oneLessonModule, ProgressTestModule, publish } from '../testing/progress-fixtures';

describe('completions per month', () => {
  let t: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    t = await startTestApp(() => ProgressTestModule, { env: { OUTBOX_RELAY: 'false' } });
    staff = await makeStaff(t);
  });
  afterAll(() => t.close());

  /** A member who completes a one-lesson module now; returns the enrolment id. */
  async function completion(slug: string, lessonId: string) {
    const member = await makeMember(t);
    const enrolment = await t.request('POST', `/api/modules/${slug}/enrolments`, { token: member.token, body: {} });
    const done = await t.request('POST', `/api/enrolments/${enrolment.body.id}/items/${lessonId}/complete`, {
      token: member.token,
    });
    expect(done.body.status).toBe('completed');
    return enrolment.body.id as string;
  }

  const monthsAgo = (n: number) => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 15)).toISOString().slice(0, 7);
  };

  it('counts every completion of every module in its month, with empty months as 0, whatever the page size', async () => {
    const first = await publish(t, staff, oneLessonModule());
    const second = await publish(t, staff, oneLessonModule());
    const lesson = (module: typeof first) => itemOf(module, module.units[0].key, module.units[0].items[0].key).id;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await completion(first.slug, lesson(first)));
    ids.push(await completion(second.slug, lesson(second)));
    // One of the first module's completions happened two months ago, and one long before the window.
    await t.db.pool.query(
      `UPDATE progress.enrolments SET completed_at = date_trunc('month', now()) - interval '2 months' + interval '3 days'
        WHERE id = $1`,
      [ids[0]],
    );
    await t.db.pool.query(`UPDATE progress.enrolments SET completed_at = now() - interval '3 years' WHERE id = $1`, [
      ids[1],
    ]);

    const response = await t.request('GET', '/api/reports/completions-by-month?months=3', { token: staff.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      { month: monthsAgo(2), completions: 1 },
      { month: monthsAgo(1), completions: 0 },
      { month: monthsAgo(0), completions: 2 },
    ]);
  });

  it('is for staff only and refuses a window it cannot draw', async () => {
    const member = await makeMember(t);
    expect((await t.request('GET', '/api/reports/completions-by-month', { token: member.token })).status).toBe(403);
    const tooLong = await t.request('GET', '/api/reports/completions-by-month?months=61', { token: staff.token });
    expect(tooLong.status).toBe(400);
    const defaults = await t.request('GET', '/api/reports/completions-by-month', { token: staff.token });
    expect(defaults.body).toHaveLength(12);
  });
});
