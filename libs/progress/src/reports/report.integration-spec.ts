import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
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
    const member = await makeMember(t, { name, verified: true });
    const response = await t.request('POST', `/api/modules/${slug}/enrolments`, {
      token: member.token,
      body: { track },
    });
    people.push({ member, enrolmentId: response.body.id });
    return { member, enrolmentId: response.body.id as string };
  }

  const finish = async (who: { member: TestUser; enrolmentId: string }, of: ModuleRead = module) => {
    await t.request('POST', `/api/enrolments/${who.enrolmentId}/items/${itemOf(of, 'u1', 'read').id}/complete`, {
      token: who.member.token,
    });
    await t.request('POST', `/api/enrolments/${who.enrolmentId}/quizzes/${itemOf(of, 'u1', 'check').id}/attempts`, {
      token: who.member.token,
      body: { answers: rightAnswers(of) },
    });
    await t.request('POST', `/api/modules/${of.slug}/items/${itemOf(of, 'u1', 'webinar').id}/attendance`, {
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
      renewals: 0,
      renewalsInProgress: 0,
      renewalsCompleted: 0,
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
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 50, nextCursor: null });
    expect(all.body.items[0]).toEqual({
      memberId: people[0].member.user.id,
      name: 'Doe, Jane "JD"',
      email: people[0].member.user.email,
      track: 'emerging',
      status: 'completed',
      percent: 100,
      enrolledAt: expect.any(String),
      completedAt: expect.any(String),
      certificateSerial: 'GL-2026-7K3Q-9XPM',
      lastActivityAt: expect.any(String),
      // Nothing is left to do once the module is completed.
      currentItem: null,
      renewalOf: null,
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
    expect(lines[0]).toBe(
      'name,email,track,status,percent,enrolled_at,completed_at,certificate_serial,last_activity_at,current_item,renewal',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^"Doe, Jane ""JD""",${people[0].member.user.email},emerging,completed,100,\\d{4}-[^,]+Z,\\d{4}-[^,]+Z,GL-2026-7K3Q-9XPM,\\d{4}-[^,]+Z,,false$`,
      ),
    );
    expect(lines[2]).toMatch(/^Zoë Lévesque-Côté,[^,]+,emerging,completed,100,/);
    expect(lines[3]).toMatch(/^Sam Established,[^,]+,established,in_progress,0,[^,]+,,,\d{4}-[^,]+Z,[a-z0-9-]+,false$/);
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });

  it('writes the same times, percentages and serials in the CSV as in the JSON list', async () => {
    // PostgreSQL writes the CSV's times, JavaScript the JSON's: both cut to the millisecond, never round.
    await t.db.pool.query(
      `UPDATE progress.enrolments SET last_activity_at = date_trunc('second', last_activity_at) + interval '999999 microseconds'
        WHERE id = $1`,
      [people[2].enrolmentId],
    );
    const json = await t.request('GET', `/api/reports/modules/${slug}/members?pageSize=100`, { token: staff.token });
    const csv = await t.request('GET', `/api/reports/modules/${slug}/members?format=csv`, { token: staff.token });
    const rows: Record<string, string>[] = parseCsv(csv.text, { columns: true });
    expect(rows).toHaveLength(json.body.items.length);
    expect(rows.map((row) => row.last_activity_at).filter((at) => at.endsWith('.999Z'))).toHaveLength(1);
    for (const item of json.body.items) {
      const row = rows.find((r) => r.email === item.email)!;
      expect(row).toMatchObject({
        name: item.name,
        track: item.track,
        status: item.status,
        percent: String(item.percent),
        enrolled_at: item.enrolledAt,
        completed_at: item.completedAt ?? '',
        certificate_serial: item.certificateSerial ?? '',
        last_activity_at: item.lastActivityAt,
        current_item: item.currentItem?.key ?? '',
        renewal: String(item.renewalOf !== null),
      });
    }
  });

  it('answers 404 for an unknown module', async () => {
    expect((await t.request('GET', '/api/reports/modules/nope', { token: staff.token })).status).toBe(404);
    expect(
      (await t.request('GET', '/api/reports/modules/nope/members?format=csv', { token: staff.token })).status,
    ).toBe(404);
  });
  describe('the member list by cursor', () => {
    interface Listed {
      name: string;
      email: string;
      track: string;
      status: string;
    }
    let other: ModuleRead;
    /** The module's members in the order the list must give them: enrolment time, then enrolment id. */
    let ordered: Listed[];
    const members = (query: string) =>
      t.request('GET', `/api/reports/modules/${other.slug}/members?${query}`, { token: staff.token });

    /** Follows nextCursor from the first page to the end, checking each page on the way. */
    async function walk(filters: string, pageSize: number) {
      const seen: Listed[] = [];
      let response = await members(`${filters}&pageSize=${pageSize}`);
      for (let pages = 1; ; pages++) {
        expect(response.status).toBe(200);
        expect(pages).toBeLessThanOrEqual(ordered.length);
        seen.push(...response.body.items);
        if (response.body.nextCursor === null) break;
        expect(response.body.items).toHaveLength(pageSize);
        response = await members(
          `${filters}&pageSize=${pageSize}&after=${encodeURIComponent(response.body.nextCursor)}`,
        );
        expect(response.body.page).toBeNull();
      }
      return {
        seen: seen.map(({ name, email, track, status }) => ({ name, email, track, status })),
        total: response.body.total,
      };
    }

    beforeAll(async () => {
      other = await publish(t, staff, moduleDocument());
      // Microseconds from one instant: ties (broken by enrolment id) and instants inside one millisecond,
      // which a cursor holding milliseconds (a JavaScript Date) would skip or repeat.
      const offsets = [3_000_000, 1, 2, 2, 2, 1_000, 999, 5_000_000, 0, 1_001, 2, 7_000_000, 2];
      const enrolled: (Listed & { id: string; offset: number })[] = [];
      for (const [i, offset] of offsets.entries()) {
        const name = i % 4 === 0 ? `Walker ${i}` : `Member ${i}`;
        const member = await makeMember(t, { name, verified: true });
        const track = i % 3 === 0 ? 'established' : 'emerging';
        const response = await t.request('POST', `/api/modules/${other.slug}/enrolments`, {
          token: member.token,
          body: { track },
        });
        const who = { member, enrolmentId: response.body.id as string };
        // Finishing unit 1 completes the emerging track only: established members also have unit 2.
        if (i % 2 === 1) await finish(who, other);
        const { status } = (await t.request('GET', `/api/enrolments/${who.enrolmentId}`, { token: member.token })).body;
        await t.db.pool.query(
          `UPDATE progress.enrolments SET enrolled_at = '2026-01-05T10:00:00Z'::timestamptz + $2 * interval '1 microsecond'
            WHERE id = $1`,
          [who.enrolmentId, offset],
        );
        enrolled.push({
          id: who.enrolmentId,
          offset,
          name,
          email: member.user.email,
          track,
          status,
        });
      }
      enrolled.sort((a, b) => a.offset - b.offset || (a.id < b.id ? -1 : 1));
      ordered = enrolled.map(({ name, email, track, status }) => ({ name, email, track, status }));
    });

    it('walks every member exactly once, in the order of the numbered pages, whatever the page size', async () => {
      const numbered = await members('pageSize=200');
      expect(numbered.body.items.map((m: Listed) => m.email)).toEqual(ordered.map((m) => m.email));
      for (const pageSize of [1, 2, 5, 13, 50]) {
        const { seen, total } = await walk('', pageSize);
        expect(seen).toEqual(ordered);
        expect(total).toBe(ordered.length);
      }
    });

    it('walks the filtered lists the same way', async () => {
      const cases: [string, (m: Listed) => boolean][] = [
        ['status=completed', (m) => m.status === 'completed'],
        ['status=in_progress', (m) => m.status === 'in_progress'],
        ['track=established', (m) => m.track === 'established'],
        ['track=emerging&status=completed', (m) => m.track === 'emerging' && m.status === 'completed'],
        ['track=nobody', () => false],
        ['query=walker', (m) => m.name.startsWith('Walker')],
        ['query=walker&track=established', (m) => m.name.startsWith('Walker') && m.track === 'established'],
      ];
      for (const [filters, keep] of cases) {
        const expected = ordered.filter(keep);
        expect(expected.length === 0 || expected.length < ordered.length).toBe(true);
        for (const pageSize of [2, 3]) {
          const { seen, total } = await walk(filters, pageSize);
          expect(seen).toEqual(expected);
          expect(total).toBe(expected.length);
        }
      }
    });

    it('continues a numbered page by cursor, and gives no cursor after the last page', async () => {
      const first = await members('page=1&pageSize=4');
      expect(first.body).toMatchObject({ page: 1, pageSize: 4, total: ordered.length });
      const second = await members(`pageSize=4&after=${first.body.nextCursor}`);
      expect(second.body).toMatchObject({ page: null, pageSize: 4, total: ordered.length });
      expect(second.body.items).toEqual((await members('page=2&pageSize=4')).body.items);
      const last = await members('page=4&pageSize=4');
      expect(last.body.items).toHaveLength(1);
      expect(last.body.nextCursor).toBeNull();
      // A page that ends exactly at the end of the list is the last page: no cursor to an empty page.
      const full = await members('page=1&pageSize=13');
      expect(full.body.items).toHaveLength(13);
      expect(full.body.nextCursor).toBeNull();
    });

    it('is described in the OpenAPI document', async () => {
      const docs = await t.request('GET', '/api/docs-json');
      const route = docs.body.paths['/api/reports/modules/{slug}/members'].get;
      const queries = route.parameters.filter((p: { in: string }) => p.in === 'query');
      expect(queries.map((p: { name: string }) => p.name).sort()).toEqual(
        ['after', 'format', 'inactiveDays', 'lang', 'page', 'pageSize', 'query', 'status', 'track', 'unit'].sort(),
      );
      expect(route.responses['200'].description).toContain('nextCursor (null on the last page)');
    });

    it('refuses a malformed or altered cursor, and a cursor with a page number, with 400', async () => {
      const cursor = (await members('pageSize=1')).body.nextCursor as string;
      const flipped = `${cursor.slice(0, 8)}${cursor[8] === 'A' ? 'B' : 'A'}${cursor.slice(9)}`;
      const payload = Buffer.from(cursor, 'base64url').toString();
      for (const bad of [
        'garbage!',
        '',
        cursor.slice(0, -2),
        `${cursor}x`,
        flipped,
        Buffer.from(payload.replace('m1.', 'm9.')).toString('base64url'),
        Buffer.from(`${payload}' OR '1'='1`).toString('base64url'),
      ]) {
        const response = await members(`after=${encodeURIComponent(bad)}`);
        expect(response.status).toBe(400);
        expect(response.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          message: ['after: is not a cursor from this list: pass a nextCursor from a previous page unchanged'],
        });
      }
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string(), fc.base64String(), fc.constant(`${cursor}${cursor}`)), async (bad) => {
          expect([200, 400]).toContain((await members(`after=${encodeURIComponent(bad)}`)).status);
        }),
        { numRuns: 50 },
      );
      const both = await members(`page=2&after=${cursor}`);
      expect(both.status).toBe(400);
      expect(both.body.message).toEqual([
        'after: page and after cannot be used together: ask for a page by number or by cursor',
      ]);
      expect((await members(`page=1&after=${cursor}`)).status).toBe(400);
      expect((await members(`after=${cursor}`)).status).toBe(200);
    });
  });
});
