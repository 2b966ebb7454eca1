import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { itemOf, moduleDocument, ModuleRead, ProgressTestModule, publish } from '../testing/progress-fixtures';

jest.setTimeout(30_000);

describe('attendance at live sessions', () => {
  let t: TestApp;
  let staff: TestUser;
  let module: ModuleRead;
  let slug: string;
  let webinarId: string;
  const members: TestUser[] = [];

  beforeAll(async () => {
    t = await startTestApp(() => ProgressTestModule, { env: { OUTBOX_RELAY: 'false' } });
    staff = await makeStaff(t);
    const document = moduleDocument();
    slug = document.slug;
    module = await publish(t, staff, document);
    webinarId = itemOf(module, 'u1', 'webinar').id;
    for (let i = 0; i < 4; i++) {
      const member = await makeMember(t, { verified: true });
      await t.request('POST', `/api/modules/${slug}/enrolments`, { token: member.token, body: { track: 'emerging' } });
      members.push(member);
    }
  });
  afterAll(() => t.close());

  const path = () => `/api/modules/${slug}/items/${webinarId}/attendance`;
  const attended = async (member: TestUser) => {
    const mine = await t.request('GET', '/api/me/enrolments', { token: member.token });
    return mine.body[0].units[0].items[2].completed as boolean;
  };

  it('records a list of emails, reports unknown ones, and audits it', async () => {
    const outsider = await makeMember(t, { verified: true });
    const response = await t.request('POST', path(), {
      token: staff.token,
      body: { emails: [` ${members[0].user.email.toUpperCase()} `, 'nobody@example.org', outsider.user.email] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      recorded: 1,
      alreadyRecorded: 0,
      unknown: ['nobody@example.org', outsider.user.email.toLowerCase()],
      notInTrack: [],
      unverified: [],
    });
    expect(await attended(members[0])).toBe(true);
    expect(await attended(members[1])).toBe(false);

    const again = await t.request('POST', path(), { token: staff.token, body: { emails: [members[0].user.email] } });
    expect(again.body).toMatchObject({ recorded: 0, alreadyRecorded: 1 });

    const { rows } = await t.db.pool.query(
      `SELECT actor_id, action, details FROM auth.audit_entries WHERE subject_id = $1 ORDER BY created_at`,
      [webinarId],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      actor_id: staff.user.id,
      action: 'progress.attendance_recorded',
      details: { moduleSlug: slug, recorded: [members[0].user.email.toLowerCase()], unknown: expect.any(Array) },
    });
  });

  it('credits only an account that proved its address: anyone can sign up with someone else’s', async () => {
    const unproven = await makeMember(t);
    await t.request('POST', `/api/modules/${slug}/enrolments`, { token: unproven.token, body: { track: 'emerging' } });
    const response = await t.request('POST', path(), { token: staff.token, body: { emails: [unproven.user.email] } });
    expect(response.body).toEqual({
      recorded: 0,
      alreadyRecorded: 0,
      unknown: [],
      notInTrack: [],
      unverified: [unproven.user.email.toLowerCase()],
    });
    expect(await attended(unproven)).toBe(false);

    await t.db.pool.query('UPDATE auth.users SET email_verified_at = now() WHERE id = $1', [unproven.user.id]);
    const proven = await t.request('POST', path(), { token: staff.token, body: { emails: [unproven.user.email] } });
    expect(proven.body).toMatchObject({ recorded: 1, unverified: [] });
    expect(await attended(unproven)).toBe(true);
  });

  it('records an uploaded CSV with an email column', async () => {
    const csv = `Name,Email,Minutes\n"Doe, Jane",${members[1].user.email},55\nGhost,ghost@example.org,3\n`;
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'zoom-export.csv');
    const response = await fetch(`${t.url}${path()}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff.token}` },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ recorded: 1, unknown: ['ghost@example.org'] });
    expect(await attended(members[1])).toBe(true);
  });

  it('records a CSV sent as text/csv', async () => {
    const response = await t.request('POST', path(), {
      token: staff.token,
      rawBody: `email\n${members[2].user.email}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.body.recorded).toBe(1);
  });

  it('refuses a CSV without an email column, an empty list, and lessons', async () => {
    const noColumn = await t.request('POST', path(), {
      token: staff.token,
      rawBody: 'name\nJane\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(noColumn.status).toBe(400);
    expect(noColumn.body.message).toEqual(['file: the first row must name a column "email"']);
    expect((await t.request('POST', path(), { token: staff.token, body: { emails: [] } })).status).toBe(400);
    const lesson = await t.request('POST', `/api/modules/${slug}/items/${itemOf(module, 'u1', 'read').id}/attendance`, {
      token: staff.token,
      body: { emails: [members[3].user.email] },
    });
    expect(lesson.status).toBe(422);
  });

  it('is for staff only', async () => {
    const response = await t.request('POST', path(), {
      token: members[3].token,
      body: { emails: [members[3].user.email] },
    });
    expect(response.status).toBe(403);
    expect(await attended(members[3])).toBe(false);
  });
});
