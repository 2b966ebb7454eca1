import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CourseModule } from '../course.module';
import { answerKeyFieldsIn } from './answer-key.test-helper';

@Module({ imports: [CoreModule, QueueModule, AuthModule, CourseModule] })
class CourseTestModule {}

let counter = 0;

/** A small bilingual module with one of each item kind; a fresh slug each time so tests stay independent. */
function moduleDocument(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    slug: `banking-${counter}`,
    title: { en: 'Banking for Producers', fr: 'Les banques et les producteurs' },
    summary: { en: 'Interim financing.', fr: 'Le financement provisoire.' },
    certificate: { enabled: true, cpdHours: 4.5 },
    tracks: [
      { key: 'emerging', title: { en: 'Emerging', fr: 'Émergents' } },
      { key: 'established', title: { en: 'Established', fr: 'Établis' } },
    ],
    units: [
      {
        key: 'u1',
        title: { en: 'Banks', fr: 'Les banques' },
        items: [
          { key: 'read', kind: 'lesson', title: 'Read', body: { en: 'Hello', fr: 'Bonjour' }, estimatedMinutes: 15 },
          {
            key: 'check',
            kind: 'quiz',
            title: 'Check',
            passMark: 70,
            maxAttempts: 3,
            questions: [
              {
                key: 'q1',
                type: 'single',
                prompt: { en: 'Which?', fr: 'Laquelle?' },
                options: [
                  { key: 'a', text: 'Right', correct: true, feedback: 'Yes' },
                  { key: 'b', text: 'Wrong' },
                ],
              },
              { key: 'q2', type: 'numeric', prompt: 'How much?', answer: 7.1, tolerance: 0.1 },
            ],
            gift: '::g1:: Name it. {=interim financing =gap financing}',
          },
          {
            key: 'webinar',
            kind: 'event',
            title: 'Webinar',
            startsAt: '2026-03-04T18:00:00-05:00',
            endsAt: '2026-03-04T19:00:00-05:00',
            joinUrl: 'https://example.org/webinar',
          },
        ],
      },
      {
        key: 'u2',
        title: 'Deals',
        tracks: ['established'],
        items: [{ key: 'r', kind: 'lesson', title: 'R', body: 'B' }],
      },
    ],
    ...overrides,
  };
}

describe('the catalog over HTTP', () => {
  let t: TestApp;
  let staff: TestUser;
  let member: TestUser;

  async function published(overrides: Record<string, unknown> = {}) {
    const document = moduleDocument(overrides);
    const created = await t.request('POST', '/api/modules', { token: staff.token, body: document });
    expect(created.status).toBe(201);
    const publish = await t.request('POST', `/api/modules/${document.slug}/publish`, { token: staff.token });
    expect(publish.status).toBe(201);
    return document;
  }

  beforeAll(async () => {
    t = await startTestApp(() => CourseTestModule);
    staff = await makeStaff(t);
    member = await makeMember(t);
  });
  afterAll(() => t.close());

  describe('authoring', () => {
    it('lets staff create a draft that only staff can see', async () => {
      const document = moduleDocument();
      const created = await t.request('POST', '/api/modules', { token: staff.token, body: document });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ slug: document.slug, status: 'draft', version: null });

      expect((await t.request('GET', `/api/modules/${document.slug}`, { token: member.token })).status).toBe(404);
      expect((await t.request('GET', `/api/modules/${document.slug}`)).status).toBe(404);
      expect((await t.request('GET', `/api/modules/${document.slug}`, { token: staff.token })).body.status).toBe(
        'draft',
      );
      const listed = await t.request('GET', '/api/modules');
      expect(listed.body.map((m: { slug: string }) => m.slug)).not.toContain(document.slug);
    });

    it('refuses members and anonymous callers', async () => {
      const document = moduleDocument();
      expect((await t.request('POST', '/api/modules', { token: member.token, body: document })).status).toBe(403);
      expect((await t.request('POST', '/api/modules', { body: document })).status).toBe(401);
      const other = await published();
      expect((await t.request('PUT', `/api/modules/${other.slug}`, { token: member.token, body: other })).status).toBe(
        403,
      );
      expect((await t.request('POST', `/api/modules/${other.slug}/publish`, { token: member.token })).status).toBe(403);
      expect((await t.request('GET', `/api/modules/${other.slug}/document`, { token: member.token })).status).toBe(403);
      expect((await t.request('GET', '/api/modules?status=all', { token: member.token })).status).toBe(403);
      expect(
        (await t.request('GET', `/api/modules/${other.slug}?include=answers`, { token: member.token })).status,
      ).toBe(403);
    });

    it('answers 409 when the slug exists', async () => {
      const document = moduleDocument();
      await t.request('POST', '/api/modules', { token: staff.token, body: document });
      const again = await t.request('POST', '/api/modules', { token: staff.token, body: document });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('MODULE_SLUG_TAKEN');
    });

    it('answers 400 listing every problem with its path', async () => {
      const document: any = moduleDocument();
      document.units[0].items[1].passMark = 120;
      document.units[0].items[1].questions[0].options[0].correct = false;
      document.units[0].items[2].endsAt = '2026-03-04T17:00:00-05:00';
      document.units[1].tracks = ['veteran'];
      const response = await t.request('POST', '/api/modules', { token: staff.token, body: document });
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(
        expect.arrayContaining([
          'units[0].items[1].passMark: must be from 0 to 100',
          'units[0].items[1].questions[0].options: a single-choice question needs a fully right option (correct: true, or weight 100)',
          'units[0].items[2].endsAt: an event must end after it starts',
          'units[1].tracks[0]: unknown track "veteran"',
        ]),
      );
    });

    it('refuses file references over HTTP with the path', async () => {
      const document: any = moduleDocument();
      document.units[0].items[0].body = { en: './unit-1.en.md', fr: 'Bonjour' };
      const response = await t.request('POST', '/api/modules', { token: staff.token, body: document });
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual([
        expect.stringMatching(/^units\[0\]\.items\[0\]\.body\.en: file references/),
      ]);
    });

    it('skips a GIFT essay and imports the rest, answering with a warning naming its line', async () => {
      const document: any = moduleDocument();
      document.slug = `essay-${++counter}`;
      document.units[0].items[1].gift = '::story:: Tell us. {}\n\n::at:: Meet at 10:30? {T}';
      const response = await t.request('POST', '/api/modules', { token: staff.token, body: document });
      expect(response.status).toBe(201);
      expect(response.body.warnings).toEqual([
        'units[0].items[1].gift: line 1: essay question "story" skipped (essays need grading by hand)',
      ]);
      const keys = response.body.units[0].items[1].questions.map((q: any) => q.key);
      expect(keys).toContain('at');
      expect(keys).not.toContain('story');
    });

    it('exports a quiz as GIFT that imports back to the same questions', async () => {
      const document: any = moduleDocument();
      document.slug = `gift-${++counter}`;
      delete document.units[0].items[1].questions;
      document.units[0].items[1].gift =
        '::m:: Match {=Canada -> Ottawa =Italy -> Rome}\n\nGrant is {~buried =entombed} here.';
      const created = await t.request('POST', '/api/modules', { token: staff.token, body: document });
      expect(created.status).toBe(201);
      const exported = await t.request('GET', `/api/modules/${document.slug}/items/check/gift`, { token: staff.token });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toMatch(/^text\/plain/);
      const gift = exported.text;
      expect(gift).toContain('::m::');
      expect(gift).toContain('\t=Canada -> Ottawa');
      const again: any = moduleDocument();
      again.slug = `gift-${++counter}`;
      delete again.units[0].items[1].questions;
      again.units[0].items[1].gift = gift;
      const reimported = await t.request('POST', '/api/modules?lang=en', { token: staff.token, body: again });
      expect(reimported.status).toBe(201);
      const strip = (body: any) =>
        body.units[0].items[1].questions.map(({ id: _id, ...q }: any) => ({
          ...q,
          options: q.options?.map(({ id: _o, ...o }: any) => o),
          pairs: q.pairs?.map((p: any) => [p.key, p.left, p.right]),
          choices: undefined,
          items: undefined,
        }));
      expect(strip(reimported.body)).toEqual(strip(created.body));
      const missing = await t.request('GET', `/api/modules/${document.slug}/items/nope/gift`, { token: staff.token });
      expect(missing.status).toBe(404);
    });

    it('accepts YAML bodies, and reports broken YAML as 400', async () => {
      const slug = `yaml-${++counter}`;
      const yaml = `slug: ${slug}\ntitle: {en: From YAML, fr: Depuis YAML}\nsummary: S\nunits:\n  - key: u1\n    title: U\n    items:\n      - {key: l, kind: lesson, title: L, body: "# Hi"}\n`;
      const created = await t.request('POST', '/api/modules', {
        token: staff.token,
        rawBody: yaml,
        headers: { 'content-type': 'application/yaml' },
      });
      expect(created.status).toBe(201);
      expect(created.body.title).toBe('From YAML');
      const replaced = await t.request('PUT', `/api/modules/${slug}?lang=fr`, {
        token: staff.token,
        rawBody: yaml.replace('Depuis YAML', 'Encore'),
        headers: { 'content-type': 'text/yaml' },
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body.title).toBe('Encore');
      const broken = await t.request('PUT', `/api/modules/${slug}`, {
        token: staff.token,
        rawBody: 'slug: [unclosed',
        headers: { 'content-type': 'application/yaml' },
      });
      expect(broken.status).toBe(400);
      expect(broken.body.message).toMatch(/YAML/);
    });

    it('refuses to change a slug through PUT, and 404s unknown slugs', async () => {
      const document = await published();
      const renamed = await t.request('PUT', `/api/modules/${document.slug}`, {
        token: staff.token,
        body: { ...document, slug: 'another-slug' },
      });
      expect(renamed.status).toBe(400);
      expect(renamed.body.message).toEqual([`slug: must stay "${document.slug}" (a module's slug cannot be changed)`]);
      expect((await t.request('PUT', '/api/modules/nope', { token: staff.token, body: document })).status).toBe(404);
      expect((await t.request('POST', '/api/modules/nope/publish', { token: staff.token })).status).toBe(404);
      expect((await t.request('GET', '/api/modules/nope')).body.code).toBe('MODULE_NOT_FOUND');
    });

    it('gives staff the draft document as authored, texts in both languages', async () => {
      const document = moduleDocument();
      await t.request('POST', '/api/modules', { token: staff.token, body: document });
      const response = await t.request('GET', `/api/modules/${document.slug}/document`, { token: staff.token });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(document);
    });

    it('serves the document schema to anyone', async () => {
      const response = await t.request('GET', '/api/modules/schema');
      expect(response.status).toBe(200);
      expect(response.body.properties.units).toBeDefined();
    });
  });

  describe('publishing', () => {
    it('freezes versions, keeps ids stable, skips unchanged drafts and records each in the audit log', async () => {
      const document: any = await published();
      const v1 = await t.request('GET', `/api/modules/${document.slug}`, { token: member.token });
      expect(v1.body.version).toBe(1);

      const again = await t.request('POST', `/api/modules/${document.slug}/publish`, { token: staff.token });
      expect(again.body).toEqual({ version: 1, changed: false });

      document.title = { en: 'Banking, revised', fr: 'Les banques, revu' };
      document.units[0].items.reverse();
      expect(
        (await t.request('PUT', `/api/modules/${document.slug}`, { token: staff.token, body: document })).status,
      ).toBe(200);
      // Editing the draft changes nothing for members until it is published.
      expect((await t.request('GET', `/api/modules/${document.slug}`)).body.title).toBe('Banking for Producers');

      const second = await t.request('POST', `/api/modules/${document.slug}/publish`, { token: staff.token });
      expect(second.body).toEqual({ version: 2, changed: true });
      const v2 = await t.request('GET', `/api/modules/${document.slug}`);
      expect(v2.body).toMatchObject({ version: 2, title: 'Banking, revised' });
      const idsOf = (body: any) =>
        Object.fromEntries(body.units.flatMap((u: any) => u.items.map((i: any) => [`${u.key}/${i.key}`, i.id])));
      expect(idsOf(v2.body)).toEqual(idsOf(v1.body));
      const old = await t.request('GET', `/api/modules/${document.slug}?version=1`);
      expect(old.body).toMatchObject({ version: 1, title: 'Banking for Producers' });

      const { rows } = await t.db.pool.query(
        `SELECT actor_id, details FROM auth.audit_entries WHERE action = 'module.published' AND subject_id = $1 ORDER BY created_at`,
        [v1.body.id],
      );
      expect(rows).toEqual([
        { actor_id: staff.user.id, details: { slug: document.slug, version: 1 } },
        { actor_id: staff.user.id, details: { slug: document.slug, version: 2 } },
      ]);
    });

    it('publishes once when two staff publish the same draft together', async () => {
      const document = moduleDocument();
      await t.request('POST', '/api/modules', { token: staff.token, body: document });
      const results = await Promise.all(
        [1, 2, 3].map(() => t.request('POST', `/api/modules/${document.slug}/publish`, { token: staff.token })),
      );
      expect(results.map((r) => r.body.version)).toEqual([1, 1, 1]);
      expect(results.filter((r) => r.body.changed)).toHaveLength(1);
    });
  });

  describe('reading', () => {
    it('lists published modules in the API.md shape', async () => {
      const document = await published({ opensAt: '2026-01-05T09:00:00-05:00' });
      const list = await t.request('GET', '/api/modules');
      expect(list.status).toBe(200);
      expect(list.body.find((m: { slug: string }) => m.slug === document.slug)).toEqual({
        id: expect.any(String),
        slug: document.slug,
        title: 'Banking for Producers',
        summary: 'Interim financing.',
        unitCount: 2,
        tracks: [
          { key: 'emerging', title: 'Emerging' },
          { key: 'established', title: 'Established' },
        ],
        certificate: { enabled: true, cpdHours: 4.5 },
        opensAt: '2026-01-05T09:00:00-05:00',
      });
    });

    it('lets staff list drafts too, with their status', async () => {
      const draft = moduleDocument();
      await t.request('POST', '/api/modules', { token: staff.token, body: draft });
      const live = await published();
      const list = await t.request('GET', '/api/modules?status=all', { token: staff.token });
      const bySlug = new Map(list.body.map((m: any) => [m.slug, m]));
      expect(bySlug.get(draft.slug)).toMatchObject({ status: 'draft', version: null, hasUnpublishedChanges: true });
      expect(bySlug.get(live.slug)).toMatchObject({ status: 'published', version: 1, hasUnpublishedChanges: false });
    });

    it('reads a module in the API.md shape without the answer key', async () => {
      const document = await published();
      const response = await t.request('GET', `/api/modules/${document.slug}`, { token: member.token });
      expect(response.status).toBe(200);
      expect(answerKeyFieldsIn(response.body)).toEqual([]);
      const [unit1, unit2] = response.body.units;
      expect(unit1).toMatchObject({ key: 'u1', position: 1, title: 'Banks', tracks: [] });
      expect(unit2).toMatchObject({ key: 'u2', position: 2, tracks: ['established'] });
      const [lesson, quiz, event] = unit1.items;
      expect(lesson).toEqual({
        id: expect.any(String),
        key: 'read',
        kind: 'lesson',
        title: 'Read',
        body: 'Hello',
        videoUrl: null,
        estimatedMinutes: 15,
      });
      expect(quiz).toMatchObject({ kind: 'quiz', passMark: 70, maxAttempts: 3 });
      expect(quiz.questions.map((q: any) => [q.key, q.type])).toEqual([
        ['q1', 'single'],
        ['q2', 'numeric'],
        ['g1', 'short'],
      ]);
      expect(quiz.questions[0].options).toEqual([
        { id: expect.any(String), key: 'a', text: 'Right' },
        { id: expect.any(String), key: 'b', text: 'Wrong' },
      ]);
      expect(event).toMatchObject({
        kind: 'event',
        startsAt: '2026-03-04T23:00:00.000Z',
        endsAt: '2026-03-05T00:00:00.000Z',
        location: null,
        joinUrl: 'https://example.org/webinar',
      });
    });

    it('gives staff the answer key only when asked', async () => {
      const document = await published();
      const plain = await t.request('GET', `/api/modules/${document.slug}`, { token: staff.token });
      expect(answerKeyFieldsIn(plain.body)).toEqual([]);
      const withAnswers = await t.request('GET', `/api/modules/${document.slug}?include=answers`, {
        token: staff.token,
      });
      const questions = withAnswers.body.units[0].items[1].questions;
      expect(questions[0].options[0]).toMatchObject({ correct: true, feedback: 'Yes' });
      expect(questions[1]).toMatchObject({ answer: 7.1, tolerance: 0.1 });
      expect(questions[2].accept).toEqual(['interim financing', 'gap financing']);
    });

    it('answers in the language asked: ?lang=, then Accept-Language, then the user’s locale', async () => {
      const document = await published();
      const path = `/api/modules/${document.slug}`;
      expect((await t.request('GET', `${path}?lang=fr`)).body.title).toBe('Les banques et les producteurs');
      expect(
        (await t.request('GET', path, { headers: { 'accept-language': 'fr-CA,fr;q=0.9' } })).body.units[0].items[0]
          .body,
      ).toBe('Bonjour');
      expect((await t.request('GET', `${path}?lang=en`, { headers: { 'accept-language': 'fr-CA' } })).body.title).toBe(
        'Banking for Producers',
      );
      const french = await makeMember(t, { locale: 'fr' });
      expect((await t.request('GET', path, { token: french.token })).body.summary).toBe('Le financement provisoire.');
      // Untranslated texts fall back to English.
      expect((await t.request('GET', `${path}?lang=fr`)).body.units[0].items[1].title).toBe('Check');
      const list = await t.request('GET', '/api/modules?lang=fr');
      expect(list.body.find((m: any) => m.slug === document.slug).tracks[0].title).toBe('Émergents');
    });
  });
});
