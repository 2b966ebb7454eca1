import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CourseTestModule, moduleDocument } from '../catalog/module-document.test-helper';

describe('authoring a module over HTTP', () => {
  let t: TestApp;
  let staff: TestUser;
  let colleague: TestUser;
  let member: TestUser;

  const as = (user: TestUser) => ({ token: user.token });

  async function draft(overrides: Record<string, unknown> = {}) {
    const document = moduleDocument(overrides);
    const created = await t.request('POST', '/api/modules', { ...as(staff), body: document });
    expect(created.status).toBe(201);
    return document;
  }

  async function published(overrides: Record<string, unknown> = {}) {
    const document = await draft(overrides);
    expect((await t.request('POST', `/api/modules/${document.slug}/publish`, as(staff))).status).toBe(201);
    return document;
  }

  const open = (slug: string, user = staff) => t.request('GET', `/api/modules/${slug}/document`, as(user));
  const save = (slug: string, body: unknown, ifMatch?: string, user = staff) =>
    t.request('PUT', `/api/modules/${slug}`, {
      ...as(user),
      body,
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    });

  beforeAll(async () => {
    t = await startTestApp(() => CourseTestModule);
    staff = await makeStaff(t, { name: 'Stella Staff' });
    colleague = await makeStaff(t, { name: 'Colin Colleague' });
    member = await makeMember(t);
  });
  afterAll(() => t.close());

  describe('saving with a revision', () => {
    it('gives each save a new revision, and saves with If-Match only while it is current', async () => {
      const document: any = await draft();
      const loaded = await open(document.slug);
      const first = loaded.body.revision;
      expect(first).toEqual(expect.any(String));

      document.title = { en: 'Edited once', fr: 'Modifié une fois' };
      const saved = await save(document.slug, document, first);
      expect(saved.status).toBe(200);
      expect(saved.body.revision).not.toBe(first);
      expect(saved.headers.get('etag')).toBe(`"${saved.body.revision}"`);
      expect((await open(document.slug)).body.revision).toBe(saved.body.revision);

      // The quoted entity tag the server sent works as well as the bare revision.
      document.title = 'Edited twice';
      expect((await save(document.slug, document, saved.headers.get('etag')!)).status).toBe(200);
    });

    it('answers a stale revision with 409 DRAFT_CONFLICT naming who saved, and saves nothing', async () => {
      const document: any = await draft();
      const { revision } = (await open(document.slug)).body;
      const theirs = await save(document.slug, { ...document, title: 'Their title' }, revision, colleague);
      expect(theirs.status).toBe(200);

      const mine = await save(document.slug, { ...document, title: 'My title' }, revision);
      expect(mine.status).toBe(409);
      expect(mine.body).toMatchObject({
        statusCode: 409,
        code: 'DRAFT_CONFLICT',
        revision: theirs.body.revision,
        updatedBy: { id: colleague.user.id, name: 'Colin Colleague' },
        updatedAt: expect.any(String),
        message: expect.stringContaining('Colin Colleague'),
      });
      const now = await open(document.slug);
      expect(now.body).toMatchObject({ title: 'Their title', revision: theirs.body.revision });
      expect(now.body.updatedBy).toEqual({ id: colleague.user.id, name: 'Colin Colleague' });
      // A revision that was never one (not even a UUID) is stale too, not a server error.
      expect((await save(document.slug, document, 'not-a-revision')).status).toBe(409);
    });

    it('lets exactly one of two saves of the same revision win', async () => {
      const document: any = await draft();
      const { revision } = (await open(document.slug)).body;
      const results = await Promise.all(
        ['First', 'Second', 'Third', 'Fourth'].map((title, i) =>
          save(document.slug, { ...document, title }, revision, i % 2 ? colleague : staff),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const winner = results.find((r) => r.status === 200)!;
      const now = await open(document.slug);
      expect(now.body.revision).toBe(winner.body.revision);
      expect(now.body.title).toBe(winner.body.title);
      for (const loser of results.filter((r) => r.status === 409))
        expect(loser.body.revision).toBe(winner.body.revision);
    });

    it('still saves without If-Match, as before', async () => {
      const document: any = await draft();
      const saved = await save(document.slug, { ...document, summary: 'No check' });
      expect(saved.status).toBe(200);
      expect((await open(document.slug)).body.summary).toBe('No check');
    });

    it('is for staff only', async () => {
      const document = await draft();
      expect((await open(document.slug, member)).status).toBe(403);
      expect((await t.request('GET', `/api/modules/${document.slug}/document`)).status).toBe(401);
      expect((await open('no-such-module')).status).toBe(404);
    });
  });

  describe('renaming a draft', () => {
    it('renames a never-published module through PUT, refuses a taken slug, and fixes the slug once published', async () => {
      const document: any = await draft();
      const other = await draft();
      const { revision } = (await open(document.slug)).body;
      const taken = await save(document.slug, { ...document, slug: other.slug }, revision);
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('MODULE_SLUG_TAKEN');

      const renamed = await save(document.slug, { ...document, slug: `${document.slug}-renamed` }, revision);
      expect(renamed.status).toBe(200);
      expect(renamed.body.slug).toBe(`${document.slug}-renamed`);
      expect((await open(document.slug)).status).toBe(404);
      const slug = `${document.slug}-renamed`;
      expect((await t.request('POST', `/api/modules/${slug}/publish`, as(staff))).status).toBe(201);

      const again = await save(slug, { ...document, slug: `${slug}-again` });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('MODULE_SLUG_FIXED');
      expect((await open(slug)).body.slug).toBe(slug);
    });
  });

  describe('changes against the published version', () => {
    const changesOf = async (slug: string) => {
      const response = await t.request('GET', `/api/modules/${slug}/changes`, as(staff));
      expect(response.status).toBe(200);
      return response.body;
    };

    it('lists everything as added before the first publish', async () => {
      const document = await draft();
      const { publishedVersion, changes } = await changesOf(document.slug);
      expect(publishedVersion).toBeNull();
      expect(changes.filter((c: any) => c.kind === 'added').map((c: any) => c.path)).toEqual([
        'tracks[0]',
        'tracks[1]',
        'units[0]',
        'units[0].items[0]',
        'units[0].items[1]',
        'units[0].items[2]',
        'units[1]',
        'units[1].items[0]',
      ]);
    });

    it('is empty right after publishing, and publishing then answers 422 NOTHING_TO_PUBLISH', async () => {
      const document = await published();
      expect(await changesOf(document.slug)).toEqual({ publishedVersion: 1, changes: [] });
      const again = await t.request('POST', `/api/modules/${document.slug}/publish`, as(staff));
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('NOTHING_TO_PUBLISH');
      // Saving the same content in another form (YAML key order, an offset written differently) is still nothing.
      const units = (document as any).units.map((u: any) => ({ ...u }));
      units[0].items = units[0].items.map((item: any) =>
        item.kind === 'event'
          ? { ...item, startsAt: '2026-03-04T23:00:00Z', endsAt: '2026-03-05T00:00:00+00:00' }
          : item,
      );
      expect((await save(document.slug, { ...document, units })).status).toBe(200);
      expect((await changesOf(document.slug)).changes).toEqual([]);
      const list = await t.request('GET', '/api/modules?status=all', as(staff));
      expect(list.body.find((m: any) => m.slug === document.slug)).toMatchObject({ hasUnpublishedChanges: false });
      expect((await t.request('POST', `/api/modules/${document.slug}/publish`, as(staff))).status).toBe(422);
    });

    it('names each kind of change and whether it affects grading', async () => {
      const document: any = await published();
      const next = structuredClone(document);
      next.summary = { en: 'A new summary', fr: 'Un nouveau résumé' };
      const quiz = next.units[0].items[1];
      quiz.passMark = 80;
      quiz.questions[0].prompt = { en: 'Which one?', fr: 'Laquelle donc?' };
      quiz.questions[1].tolerance = 0.5;
      quiz.questions.push({ key: 'q3', type: 'truefalse', prompt: 'True?', answer: true });
      quiz.gift = '::g1:: Name it. {=interim financing =gap financing =bridge loan}';
      next.units[0].items[0].body = { en: 'Hello again', fr: 'Re-bonjour' };
      next.units[0].items.splice(2, 1); // the webinar goes
      next.units[1].items.push({ key: 'more', kind: 'lesson', title: 'More', body: 'More text' });
      expect((await save(document.slug, next)).status).toBe(200);

      const { publishedVersion, changes } = await changesOf(document.slug);
      expect(publishedVersion).toBe(1);
      expect(changes).toEqual(
        expect.arrayContaining([
          {
            kind: 'changed',
            path: 'summary',
            title: 'Banking for Producers',
            fields: ['summary'],
            affectsGrading: false,
          },
          { kind: 'changed', path: 'units[0].items[0]', title: 'Read', fields: ['body'], affectsGrading: false },
          { kind: 'changed', path: 'units[0].items[1]', title: 'Check', fields: ['passMark'], affectsGrading: true },
          {
            kind: 'changed',
            path: 'units[0].items[1].questions[0]',
            title: 'Which one?',
            fields: ['prompt'],
            affectsGrading: false,
          },
          {
            kind: 'changed',
            path: 'units[0].items[1].questions[1]',
            title: 'How much?',
            fields: ['tolerance'],
            affectsGrading: true,
          },
          {
            kind: 'added',
            path: 'units[0].items[1].questions[2]',
            title: 'True?',
            fields: [],
            affectsGrading: true,
          },
          // The GIFT question now comes after the new authored one, and accepts one more answer.
          {
            kind: 'changed',
            path: 'units[0].items[1].questions[3]',
            title: 'Name it.',
            fields: ['accept', 'position'],
            affectsGrading: true,
          },
          { kind: 'removed', path: 'units[0].items[2]', title: 'Webinar', fields: [], affectsGrading: false },
          { kind: 'added', path: 'units[1].items[1]', title: 'More', fields: [], affectsGrading: false },
        ]),
      );
      expect(changes).toHaveLength(9);
      // In the caller's language.
      const french = await t.request('GET', `/api/modules/${document.slug}/changes?lang=fr`, as(staff));
      expect(french.body.changes.map((c: any) => c.title)).toContain('Laquelle donc?');
    });
  });

  describe('versions', () => {
    it('lists versions with who published them, and serves each version’s document as authored', async () => {
      const document: any = await published();
      const v2 = { ...document, title: 'Banking, second edition' };
      expect((await save(document.slug, v2)).status).toBe(200);
      expect((await t.request('POST', `/api/modules/${document.slug}/publish`, as(colleague))).status).toBe(201);

      const versions = await t.request('GET', `/api/modules/${document.slug}/versions`, as(staff));
      expect(versions.status).toBe(200);
      expect(versions.body).toEqual([
        {
          version: 2,
          publishedAt: expect.any(String),
          publishedBy: { id: colleague.user.id, name: 'Colin Colleague' },
        },
        { version: 1, publishedAt: expect.any(String), publishedBy: { id: staff.user.id, name: 'Stella Staff' } },
      ]);

      const first = await t.request('GET', `/api/modules/${document.slug}/versions/1/document`, as(staff));
      expect(first.status).toBe(200);
      expect(first.body).toEqual(document);
      expect((await t.request('GET', `/api/modules/${document.slug}/versions/3/document`, as(staff))).status).toBe(404);

      // Starting a draft from version 1: PUT its document back; there is then something to publish (the title).
      expect((await save(document.slug, first.body)).status).toBe(200);
      const changes = await t.request('GET', `/api/modules/${document.slug}/changes`, as(staff));
      expect(changes.body.changes).toEqual([expect.objectContaining({ kind: 'changed', path: 'title' })]);
    });

    it('rebuilds the document of a version published before documents were kept', async () => {
      const document: any = await published();
      await t.db.pool.query(
        `ALTER TABLE course.module_versions DISABLE TRIGGER module_versions_immutable;
         UPDATE course.module_versions v SET document = NULL FROM course.modules m WHERE m.id = v.module_id AND m.slug = '${document.slug}';
         ALTER TABLE course.module_versions ENABLE TRIGGER module_versions_immutable;`,
      );
      const rebuilt = await t.request('GET', `/api/modules/${document.slug}/versions/1/document`, as(staff));
      expect(rebuilt.status).toBe(200);
      expect(rebuilt.body.units[0].items[1].gift).toBeUndefined();
      expect(rebuilt.body.units[0].items[1].questions.map((q: any) => q.key)).toEqual(['q1', 'q2', 'g1']);
      // Equal to what was published: as the draft, there is nothing to publish.
      expect((await save(document.slug, rebuilt.body)).status).toBe(200);
      expect((await t.request('GET', `/api/modules/${document.slug}/changes`, as(staff))).body.changes).toEqual([]);
    });
  });

  describe('duplicating and downloading', () => {
    it('copies the current draft under a new slug and title, and refuses a taken slug', async () => {
      const document: any = await published();
      expect((await save(document.slug, { ...document, summary: 'Draft summary' })).status).toBe(200);
      const copy = await t.request('POST', `/api/modules/${document.slug}/duplicate`, {
        ...as(staff),
        body: { slug: `${document.slug}-2027`, title: { en: 'Banking 2027', fr: 'Les banques 2027' } },
      });
      expect(copy.status).toBe(201);
      expect(copy.body).toMatchObject({
        slug: `${document.slug}-2027`,
        title: { en: 'Banking 2027', fr: 'Les banques 2027' },
        summary: 'Draft summary',
        revision: expect.any(String),
        updatedBy: { id: staff.user.id, name: 'Stella Staff' },
      });
      const versions = await t.request('GET', `/api/modules/${document.slug}-2027/versions`, as(staff));
      expect(versions.body).toEqual([]);

      const again = await t.request('POST', `/api/modules/${document.slug}/duplicate`, {
        ...as(staff),
        body: { slug: `${document.slug}-2027` },
      });
      expect(again.status).toBe(409);
      const bad = await t.request('POST', `/api/modules/${document.slug}/duplicate`, {
        ...as(staff),
        body: { slug: 'Not A Slug' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual([expect.stringMatching(/^slug: /)]);
    });

    it('downloads the draft and a version as YAML that reads back to the same document', async () => {
      const document = await published();
      for (const path of [
        `/api/modules/${document.slug}/document`,
        `/api/modules/${document.slug}/versions/1/document`,
      ]) {
        const response = await t.request('GET', `${path}?format=yaml`, as(staff));
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^application\/yaml/);
        expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="banking-\d+(-v1)?\.yaml"$/);
        expect(parseYaml(response.text)).toEqual(document);
      }
    });
  });

  describe('checking an uploaded file without saving it', () => {
    it('answers the document as read from YAML with its problems, and saves nothing', async () => {
      const document: any = moduleDocument();
      const yaml = stringifyYaml({ ...document, units: [{ ...document.units[0], items: [] }] });
      const before = await t.db.pool.query('SELECT count(*)::int AS n FROM course.modules');
      const checked = await t.request('POST', '/api/modules/validate', {
        ...as(staff),
        rawBody: yaml,
        headers: { 'content-type': 'application/yaml' },
      });
      expect(checked.status).toBe(200);
      expect(checked.body).toEqual({
        valid: false,
        errors: ['units[0].items: a unit needs at least one item'],
        document: { ...document, units: [{ ...document.units[0], items: [] }] },
      });
      const fine = await t.request('POST', '/api/modules/validate', { ...as(staff), body: document });
      expect(fine.body).toEqual({ valid: true, errors: [], document });
      const after = await t.db.pool.query('SELECT count(*)::int AS n FROM course.modules');
      expect(after.rows[0].n).toBe(before.rows[0].n);
      expect((await t.request('POST', '/api/modules/validate', { ...as(member), body: document })).status).toBe(403);
    });
  });

  describe('previewing the draft as a member', () => {
    const counts = async () =>
      (
        await t.db.pool.query(`SELECT
          (SELECT count(*) FROM progress.quiz_attempts)::int AS attempts,
          (SELECT count(*) FROM progress.enrolments)::int AS enrolments,
          (SELECT count(*) FROM progress.item_completions)::int AS completions,
          (SELECT count(*) FROM course.module_versions)::int AS versions,
          (SELECT count(*) FROM auth.audit_entries)::int AS audit`)
      ).rows[0];

    it('shows the draft for one track without the answer key, as the learning view does', async () => {
      const document = await draft();
      const emerging = await t.request('GET', `/api/modules/${document.slug}/preview?track=emerging`, as(staff));
      expect(emerging.status).toBe(200);
      expect(emerging.body).toMatchObject({ slug: document.slug, status: 'draft', track: 'emerging' });
      expect(emerging.body.units.map((u: any) => u.key)).toEqual(['u1']);
      const established = await t.request('GET', `/api/modules/${document.slug}/preview?track=established`, as(staff));
      expect(established.body.units.map((u: any) => u.key)).toEqual(['u1', 'u2']);
      expect(JSON.stringify(established.body)).not.toMatch(/"correct"|"accept"|"tolerance"|"answer"/);
      // The same ids and shape as the published module will have.
      expect(established.body.units[0].items[1].questions[0].options[0]).toEqual({
        id: expect.any(String),
        key: 'a',
        text: 'Right',
      });

      const untracked = await t.request('GET', `/api/modules/${document.slug}/preview`, as(staff));
      expect(untracked.status).toBe(400);
      expect(untracked.body.message).toEqual(['track: must be one of emerging, established']);
      expect((await t.request('GET', `/api/modules/${document.slug}/preview?track=emerging`, as(member))).status).toBe(
        403,
      );
    });

    it('grades an attempt against the draft, recording nothing and enrolling no one', async () => {
      const document: any = await published();
      // The draft moves on: q1's right answer is now b. The preview grades the draft, not version 1.
      const next = structuredClone(document);
      next.units[0].items[1].questions[0].options = [
        { key: 'a', text: 'Right before', feedback: 'Not any more' },
        { key: 'b', text: 'Right now', correct: true },
      ];
      expect((await save(document.slug, next)).status).toBe(200);
      const view = await t.request('GET', `/api/modules/${document.slug}/preview?track=emerging`, as(staff));
      const quiz = view.body.units[0].items[1];
      const [q1, q2, g1] = quiz.questions;
      const before = await counts();

      const right = await t.request('POST', `/api/modules/${document.slug}/preview/quizzes/${quiz.id}/attempts`, {
        ...as(staff),
        body: { answers: { [q1.id]: q1.options[1].id, [q2.id]: 7.15, [g1.id]: 'Gap  Financing' } },
      });
      expect(right.status).toBe(200);
      expect(right.body).toEqual({
        score: 100,
        passed: true,
        passMark: 70,
        results: [
          { questionId: q1.id, correct: true },
          { questionId: q2.id, correct: true },
          { questionId: g1.id, correct: true },
        ],
      });
      const wrong = await t.request('POST', `/api/modules/${document.slug}/preview/quizzes/${quiz.id}/attempts`, {
        ...as(staff),
        body: { answers: { [q1.id]: q1.options[0].id } },
      });
      expect(wrong.body).toMatchObject({ score: 0, passed: false });
      expect(wrong.body.results[0]).toEqual({ questionId: q1.id, correct: false, feedback: 'Not any more' });
      expect(await counts()).toEqual(before);

      const unknown = await t.request('POST', `/api/modules/${document.slug}/preview/quizzes/${quiz.id}/attempts`, {
        ...as(staff),
        body: { answers: { 'not-a-question': true } },
      });
      expect(unknown.status).toBe(400);
      const lessonId = view.body.units[0].items[0].id;
      const notQuiz = await t.request('POST', `/api/modules/${document.slug}/preview/quizzes/${lessonId}/attempts`, {
        ...as(staff),
        body: { answers: {} },
      });
      expect(notQuiz.status).toBe(404);
      const asMember = await t.request('POST', `/api/modules/${document.slug}/preview/quizzes/${quiz.id}/attempts`, {
        ...as(member),
        body: { answers: {} },
      });
      expect(asMember.status).toBe(403);
    });
  });

  describe('limits that protect the server', () => {
    it('answers 413 for a body over 1 MB', async () => {
      const document: any = moduleDocument();
      document.summary = 'x'.repeat(1024 * 1024);
      const response = await t.request('POST', '/api/modules', { ...as(staff), body: document });
      expect(response.status).toBe(413);
    });

    it('refuses a 900 KB GIFT question with 300,000 options quickly, while /api/health keeps answering', async () => {
      const document: any = moduleDocument();
      const gift = `::huge:: Pick one {=right ${'~x'.repeat(300_000)}}`;
      document.units[0].items[1].gift = gift + ' '.repeat(900_000 - gift.length - 1) + '.';
      let done = false;
      const healthTimes: number[] = [];
      const probe = (async () => {
        while (!done) {
          const started = performance.now();
          expect((await t.request('GET', '/api/health')).status).toBe(200);
          healthTimes.push(performance.now() - started);
        }
      })();
      const started = performance.now();
      const refused = await t.request('POST', '/api/modules', { ...as(staff), body: document });
      const took = performance.now() - started;
      done = true;
      await probe;
      expect(refused.status).toBe(400);
      expect(refused.body.message).toEqual([expect.stringMatching(/^units\[0\]\.items\[1\]\.gift: /)]);
      expect(took).toBeLessThan(1500);
      expect(healthTimes.length).toBeGreaterThan(0);
      expect(Math.max(...healthTimes)).toBeLessThan(1500);
    });
  });
});
