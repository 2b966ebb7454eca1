import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { itemOf, moduleDocument, ModuleRead, ProgressTestModule, publish } from '../testing/progress-fixtures';

jest.setTimeout(30_000);

describe('one member, whole, and who is stuck', () => {
  let t: TestApp;
  let staff: TestUser;
  let module: ModuleRead;
  let member: TestUser;
  let enrolmentId: string;

  const wrong = (m: ModuleRead) => {
    const quiz = itemOf(m, 'u1', 'check');
    return { [quiz.questions![1].id]: false };
  };

  beforeAll(async () => {
    t = await startTestApp(() => ProgressTestModule, { env: { OUTBOX_RELAY: 'false' } });
    staff = await makeStaff(t);
    module = await publish(t, staff, moduleDocument());
    member = await makeMember(t, { name: 'Ada Stuck', verified: true });
    const enrolled = await t.request('POST', `/api/modules/${module.slug}/enrolments`, {
      token: member.token,
      body: { track: 'emerging' },
    });
    enrolmentId = enrolled.body.id;
    await t.request('POST', `/api/enrolments/${enrolmentId}/items/${itemOf(module, 'u1', 'read').id}/complete`, {
      token: member.token,
    });
  });
  afterAll(() => t.close());

  it('shows staff every item with when and how it was completed, attempts, and the staff actions', async () => {
    const quiz = itemOf(module, 'u1', 'check');
    for (let n = 0; n < 2; n++) {
      await t.request('POST', `/api/enrolments/${enrolmentId}/quizzes/${quiz.id}/attempts`, {
        token: member.token,
        body: { answers: wrong(module) },
      });
    }
    const noneLeft = await t.request('POST', `/api/enrolments/${enrolmentId}/quizzes/${quiz.id}/attempts`, {
      token: member.token,
      body: { answers: wrong(module) },
    });
    expect(noneLeft.status).toBe(422);

    const granted = await t.request('POST', `/api/enrolments/${enrolmentId}/quizzes/${quiz.id}/extra-attempts`, {
      token: staff.token,
      body: { reason: 'Connection dropped during the quiz' },
    });
    expect(granted.status).toBe(200);
    const third = await t.request('POST', `/api/enrolments/${enrolmentId}/quizzes/${quiz.id}/attempts`, {
      token: member.token,
      body: { answers: wrong(module) },
    });
    expect(third.status).toBe(201);
    expect(third.body.attemptsLeft).toBe(0);

    const page = await t.request('GET', `/api/members/${member.user.id}`, { token: staff.token });
    expect(page.status).toBe(200);
    expect(page.body.user).toMatchObject({ id: member.user.id, email: member.user.email, name: 'Ada Stuck' });
    const [enrolment] = page.body.enrolments;
    const items = enrolment.units[0].items;
    expect(items[0]).toMatchObject({ key: 'read', completed: true, source: 'self' });
    expect(Date.parse(items[0].completedAt)).not.toBeNaN();
    expect(items[1]).toMatchObject({ key: 'check', completed: false, source: null });
    expect(items[1].attempts.map((a: { number: number; score: number }) => a.number)).toEqual([1, 2, 3]);
    expect(items[1].extraAttempts).toEqual([
      { reason: 'Connection dropped during the quiz', grantedAt: expect.any(String) },
    ]);
    expect(enrolment.attendance).toEqual([
      { itemId: itemOf(module, 'u1', 'webinar').id, title: 'Webinar', attended: false, recordedAt: null },
    ]);
    expect(enrolment.currentItem).toMatchObject({ key: 'check' });
    expect(page.body.audit.map((a: { action: string }) => a.action)).toContain('progress.quiz_attempt_granted');
    // The sign-up verification mail is the member's only message so far.
    expect(page.body.messages.filter((m: { kind: string }) => m.kind !== 'email-verification')).toEqual([]);
    expect(page.body.certificates).toEqual([]);
  });

  it('moves the current item on each completion and counts a failed attempt as activity', async () => {
    // A module of its own, so the member lists of the other tests stay as they are.
    const own = await publish(t, staff, moduleDocument());
    const other = await makeMember(t, { name: 'Cy Active' });
    const enrolled = await t.request('POST', `/api/modules/${own.slug}/enrolments`, {
      token: other.token,
      body: { track: 'emerging' },
    });
    const id = enrolled.body.id;
    const activity = async () =>
      (
        await t.db.pool.query(
          `SELECT last_activity_at AS at, current_item_id AS "currentItem" FROM progress.enrolments WHERE id = $1`,
          [id],
        )
      ).rows[0] as { at: Date; currentItem: string | null };
    await t.request('POST', `/api/enrolments/${id}/items/${itemOf(own, 'u1', 'read').id}/complete`, {
      token: other.token,
    });
    expect((await activity()).currentItem).toBe(itemOf(own, 'u1', 'check').id);

    await t.db.pool.query(`UPDATE progress.enrolments SET last_activity_at = now() - interval '9 days' WHERE id = $1`, [
      id,
    ]);
    const quiz = itemOf(own, 'u1', 'check');
    const failed = await t.request('POST', `/api/enrolments/${id}/quizzes/${quiz.id}/attempts`, {
      token: other.token,
      body: { answers: wrong(own) },
    });
    expect(failed.body.passed).toBe(false);
    const after = await activity();
    // Kept to the minute (enrolments/activity.ts): within the last two minutes, on a whole minute.
    expect(after.at.getTime()).toBeGreaterThan(Date.now() - 120_000);
    expect(after.at.getTime() % 60_000).toBe(0);
    expect(after.currentItem).toBe(quiz.id);
  });

  it("keeps every column a lesson or attempt writes out of the enrolments' indexes, on pages with room", async () => {
    // Both conditions of a HOT update: the hot path's UPDATE then adds no entry to any of the eight indexes.
    const { rows } = await t.db.pool.query<{ index: string; columns: string[] }>(
      `SELECT i.indexrelid::regclass::text AS index,
              ARRAY(SELECT a.attname::text FROM pg_attribute a
                     WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                        OR (i.indpred IS NOT NULL AND pg_get_expr(i.indpred, i.indrelid) ~ ('\\m' || a.attname || '\\M')
                            AND a.attrelid = i.indrelid AND a.attnum > 0)) AS columns
         FROM pg_index i WHERE i.indrelid = 'progress.enrolments'::regclass`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const { index, columns } of rows) {
      expect({ index, written: columns.filter((c) => ['completed_items', 'current_item_id'].includes(c)) }).toEqual({
        index,
        written: [],
      });
    }
    const options = await t.db.pool.query<{ reloptions: string[] }>(
      `SELECT reloptions FROM pg_class WHERE oid = 'progress.enrolments'::regclass`,
    );
    expect(options.rows[0].reloptions).toContain('fillfactor=80');
  });

  it('lets staff change the track and keeps the progress on shared items', async () => {
    const moved = await t.request('POST', `/api/enrolments/${enrolmentId}/track`, {
      token: staff.token,
      body: { track: 'established', reason: 'Produced two features since' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ track: 'established', progress: { completedItems: 1, totalItems: 4 } });
    const bad = await t.request('POST', `/api/enrolments/${enrolmentId}/track`, {
      token: staff.token,
      body: { track: 'nope', reason: 'A typo' },
    });
    expect(bad.status).toBe(400);
    const page = await t.request('GET', `/api/members/${member.user.id}`, { token: staff.token });
    expect(page.body.audit[0]).toMatchObject({
      action: 'progress.track_changed',
      reason: 'Produced two features since',
      details: expect.objectContaining({ from: 'emerging', to: 'established' }),
    });
  });

  it('is for staff only: a member is refused, an unknown member is a 404', async () => {
    expect((await t.request('GET', `/api/members/${member.user.id}`, { token: member.token })).status).toBe(403);
    expect((await t.request('GET', `/api/members/${member.user.id}`)).status).toBe(401);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await t.request('GET', `/api/members/${unknown}`, { token: staff.token })).status).toBe(404);
    expect((await t.request('GET', `/api/members/not-a-uuid`, { token: staff.token })).status).toBe(400);
  });

  it('finds members inactive for N days and by the unit reached, and counts the stuck per unit', async () => {
    const fresh = await makeMember(t, { name: 'Bo Fresh' });
    await t.request('POST', `/api/modules/${module.slug}/enrolments`, {
      token: fresh.token,
      body: { track: 'emerging' },
    });
    await t.db.pool.query(
      `UPDATE progress.enrolments SET last_activity_at = now() - interval '20 days' WHERE id = $1`,
      [enrolmentId],
    );
    const list = (query: string) =>
      t.request('GET', `/api/reports/modules/${module.slug}/members?${query}`, { token: staff.token });

    const inactive = await list('inactiveDays=14');
    expect(inactive.body.total).toBe(1);
    expect(inactive.body.items[0]).toMatchObject({
      memberId: member.user.id,
      name: 'Ada Stuck',
      currentItem: { key: 'check', title: 'Check' },
    });
    expect(Date.parse(inactive.body.items[0].lastActivityAt)).toBeLessThan(Date.now() - 19 * 86_400_000);
    expect((await list('inactiveDays=0')).body.total).toBe(2);
    expect((await list('unit=u1')).body.items.map((m: { name: string }) => m.name).sort()).toEqual([
      'Ada Stuck',
      'Bo Fresh',
    ]);
    expect((await list('unit=u2')).body.total).toBe(0);
    expect((await list('unit=nope')).status).toBe(400);
    expect((await list('inactiveDays=-1')).status).toBe(400);

    const csv = await list('format=csv&inactiveDays=14');
    expect(csv.text.split('\r\n')[1]).toMatch(/^Ada Stuck,.*,\d{4}-[^,]+Z,check,false$/);

    const report = await t.request('GET', `/api/reports/modules/${module.slug}`, { token: staff.token });
    expect(report.body.stuckAfterDays).toBe(14);
    expect(report.body.units.map((u: { key: string; stuck: number }) => [u.key, u.stuck])).toEqual([
      ['u1', 1],
      ['u2', 0],
    ]);
  });
});
