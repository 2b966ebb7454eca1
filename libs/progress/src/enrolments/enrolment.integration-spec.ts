import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { itemOf, moduleDocument, ProgressTestModule, publish, rightAnswers } from '../testing/progress-fixtures';

jest.setTimeout(30_000);

describe('enrolments, lessons and quizzes over HTTP', () => {
  let t: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    t = await startTestApp(() => ProgressTestModule, { env: { OUTBOX_RELAY: 'false' } });
    staff = await makeStaff(t);
  });
  afterAll(() => t.close());

  async function enrolled(track = 'emerging') {
    const document = moduleDocument();
    const module = await publish(t, staff, document);
    const member = await makeMember(t);
    const response = await t.request('POST', `/api/modules/${document.slug}/enrolments`, {
      token: member.token,
      body: { track },
    });
    expect(response.status).toBe(201);
    return { module, member, enrolment: response.body, slug: document.slug };
  }

  const complete = (member: TestUser, enrolmentId: string, itemId: string) =>
    t.request('POST', `/api/enrolments/${enrolmentId}/items/${itemId}/complete`, { token: member.token });
  const attempt = (member: TestUser, enrolmentId: string, itemId: string, answers: Record<string, unknown>) =>
    t.request('POST', `/api/enrolments/${enrolmentId}/quizzes/${itemId}/attempts`, {
      token: member.token,
      body: { answers },
    });

  describe('enrolling', () => {
    it('pins the current version and lists only the track’s units', async () => {
      const { module, enrolment } = await enrolled('emerging');
      expect(enrolment).toMatchObject({
        module: { slug: module.slug, title: 'Banking for Producers', version: 1 },
        track: 'emerging',
        status: 'in_progress',
        completedAt: null,
        progress: { completedItems: 0, totalItems: 3, percent: 0 },
      });
      expect(enrolment.units.map((u: { key: string }) => u.key)).toEqual(['u1']);
      expect(enrolment.units[0].items.map((i: { kind: string }) => i.kind)).toEqual(['lesson', 'quiz', 'event']);
      expect(new Date(enrolment.enrolledAt).toISOString()).toBe(enrolment.enrolledAt);
    });

    it('counts the established track’s extra unit', async () => {
      const { enrolment } = await enrolled('established');
      expect(enrolment.progress.totalItems).toBe(4);
      expect(enrolment.units.map((u: { key: string }) => u.key)).toEqual(['u1', 'u2']);
    });

    it('returns the same enrolment with 200 when enrolling again, even on another track', async () => {
      const { member, enrolment, slug } = await enrolled();
      const again = await t.request('POST', `/api/modules/${slug}/enrolments`, {
        token: member.token,
        body: { track: 'established' },
      });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(enrolment.id);
      expect(again.body.track).toBe('emerging');
    });

    it('creates one enrolment when the same member enrols five times at once', async () => {
      const document = moduleDocument();
      await publish(t, staff, document);
      const member = await makeMember(t);
      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          t.request('POST', `/api/modules/${document.slug}/enrolments`, {
            token: member.token,
            body: { track: 'emerging' },
          }),
        ),
      );
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    });

    it('requires a known track where the module has tracks, and refuses one where it has none', async () => {
      const document = moduleDocument();
      await publish(t, staff, document);
      const member = await makeMember(t);
      const missing = await t.request('POST', `/api/modules/${document.slug}/enrolments`, {
        token: member.token,
        body: {},
      });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toEqual(['track: required for this module (one of emerging, established)']);
      const unknown = await t.request('POST', `/api/modules/${document.slug}/enrolments`, {
        token: member.token,
        body: { track: 'veteran' },
      });
      expect(unknown.status).toBe(400);
      const untracked = moduleDocument({ tracks: [], units: [moduleDocument().units[0]] });
      await publish(t, staff, untracked);
      const refused = await t.request('POST', `/api/modules/${untracked.slug}/enrolments`, {
        token: member.token,
        body: { track: 'emerging' },
      });
      expect(refused.status).toBe(400);
      const fine = await t.request('POST', `/api/modules/${untracked.slug}/enrolments`, {
        token: member.token,
        body: {},
      });
      expect(fine.status).toBe(201);
      expect(fine.body.track).toBeNull();
    });

    it('takes new enrolments only between opensAt and closesAt, and lets enrolled members carry on', async () => {
      const member = await makeMember(t);
      const untracked = { tracks: [], units: [moduleDocument().units[0]] };
      const early = moduleDocument({ ...untracked, opensAt: '2099-01-01T00:00:00Z' });
      const late = moduleDocument({ ...untracked, closesAt: '2020-01-01T00:00:00Z' });
      const open = moduleDocument({ ...untracked, opensAt: '2020-01-01T00:00:00Z', closesAt: '2099-01-01T00:00:00Z' });
      for (const document of [early, late, open]) await publish(t, staff, document);
      const enrol = (slug: string) =>
        t.request('POST', `/api/modules/${slug}/enrolments`, { token: member.token, body: {} });

      const tooEarly = await enrol(early.slug);
      expect(tooEarly.status).toBe(422);
      expect(tooEarly.body.message).toBe('Enrolment opens on 2099-01-01');
      const tooLate = await enrol(late.slug);
      expect(tooLate.status).toBe(422);
      expect(tooLate.body.message).toBe('Enrolment closed on 2020-01-01');
      expect((await enrol(open.slug)).status).toBe(201);

      // Closing a module later does not shut out those already enrolled.
      await t.request('PUT', `/api/modules/${open.slug}`, {
        token: staff.token,
        body: { ...open, closesAt: '2021-01-01T00:00:00Z' },
      });
      await t.request('POST', `/api/modules/${open.slug}/publish`, { token: staff.token });
      expect((await enrol(open.slug)).status).toBe(200);
    });

    it('answers 404 for an unknown or unpublished module and 400 for unknown fields', async () => {
      const member = await makeMember(t);
      expect((await t.request('POST', '/api/modules/nope/enrolments', { token: member.token, body: {} })).status).toBe(
        404,
      );
      const draft = moduleDocument();
      await t.request('POST', '/api/modules', { token: staff.token, body: draft });
      expect(
        (await t.request('POST', `/api/modules/${draft.slug}/enrolments`, { token: member.token, body: {} })).status,
      ).toBe(404);
      const { slug } = await enrolled();
      const extra = await t.request('POST', `/api/modules/${slug}/enrolments`, {
        token: member.token,
        body: { track: 'emerging', paid: true },
      });
      expect(extra.status).toBe(400);
    });

    it('lists my enrolments, newest first', async () => {
      const member = await makeMember(t);
      const a = moduleDocument();
      const b = moduleDocument();
      await publish(t, staff, a);
      await publish(t, staff, b);
      await t.request('POST', `/api/modules/${a.slug}/enrolments`, {
        token: member.token,
        body: { track: 'emerging' },
      });
      await t.request('POST', `/api/modules/${b.slug}/enrolments`, {
        token: member.token,
        body: { track: 'emerging' },
      });
      const mine = await t.request('GET', '/api/me/enrolments', { token: member.token });
      expect(mine.status).toBe(200);
      expect(mine.body.map((e: { module: { slug: string } }) => e.module.slug)).toEqual([b.slug, a.slug]);
    });
  });

  describe('lessons', () => {
    it('completes a lesson once; again is 200 and changes nothing', async () => {
      const { module, member, enrolment } = await enrolled();
      const lesson = itemOf(module, 'u1', 'read');
      const first = await complete(member, enrolment.id, lesson.id);
      expect(first.status).toBe(200);
      expect(first.body.progress).toEqual({ completedItems: 1, totalItems: 3, percent: 33 });
      expect(first.body.units[0].items[0]).toMatchObject({ id: lesson.id, completed: true });
      const again = await complete(member, enrolment.id, lesson.id);
      expect(again.status).toBe(200);
      expect(again.body.progress).toEqual(first.body.progress);
      const { rows } = await t.db.pool.query(
        'SELECT count(*)::int AS n FROM progress.item_completions WHERE enrolment_id = $1',
        [enrolment.id],
      );
      expect(rows[0].n).toBe(1);
    });

    it('refuses quiz and event items with 422, and items outside the track with 404', async () => {
      const { module, member, enrolment } = await enrolled('emerging');
      expect((await complete(member, enrolment.id, itemOf(module, 'u1', 'check').id)).status).toBe(422);
      expect((await complete(member, enrolment.id, itemOf(module, 'u1', 'webinar').id)).status).toBe(422);
      expect((await complete(member, enrolment.id, itemOf(module, 'u2', 'deal').id)).status).toBe(404);
      expect((await complete(member, enrolment.id, '7f1b5a52-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await complete(member, enrolment.id, 'not-a-uuid')).status).toBe(400);
    });
  });

  describe('quizzes', () => {
    it('grades on the server, tells right from wrong without the key, and counts attempts', async () => {
      const { module, member, enrolment } = await enrolled();
      const quiz = itemOf(module, 'u1', 'check');
      const [q1, q2, q3] = quiz.questions!;
      const wrongOption = q1.options!.find((o) => o.key === 'b')!.id;
      const first = await attempt(member, enrolment.id, quiz.id, { [q1.id]: wrongOption, [q2.id]: true });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ score: 33.33, passed: false, attemptsLeft: 1 });
      expect(first.body.results).toEqual([
        { questionId: q1.id, correct: false, feedback: 'No' },
        { questionId: q2.id, correct: true },
        { questionId: q3.id, correct: false },
      ]);
      const text = JSON.stringify(first.body);
      for (const leak of ['interim financing', '"answer"', '"accept"', 'credit', '"correct":true,"feedback":"Yes"']) {
        expect(text).not.toContain(leak);
      }

      const second = await attempt(member, enrolment.id, quiz.id, rightAnswers(module));
      expect(second.body).toMatchObject({ score: 100, passed: true, attemptsLeft: 0 });
      const view = await t.request('GET', `/api/enrolments/${enrolment.id}`, { token: member.token });
      expect(view.body.units[0].items[1]).toMatchObject({
        completed: true,
        quiz: { attempts: 2, passed: true, bestScore: 100, attemptsLeft: 0 },
      });
      const history = await t.request('GET', `/api/enrolments/${enrolment.id}/quizzes/${quiz.id}/attempts`, {
        token: member.token,
      });
      expect(history.body.map((a: { score: number }) => a.score)).toEqual([33.33, 100]);
      // Each attempt comes back with the member's own answers, as sent.
      expect(second.body.answers).toEqual(rightAnswers(module));
      expect(history.body[1].answers).toEqual(rightAnswers(module));
    });

    it('takes no attempt after a pass', async () => {
      const { module, member, enrolment } = await enrolled();
      const quiz = itemOf(module, 'u1', 'check');
      expect((await attempt(member, enrolment.id, quiz.id, rightAnswers(module))).status).toBe(201);
      const again = await attempt(member, enrolment.id, quiz.id, rightAnswers(module));
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('QUIZ_ALREADY_PASSED');
    });

    it('stops at maxAttempts with 422', async () => {
      const { module, member, enrolment } = await enrolled();
      const quiz = itemOf(module, 'u1', 'check');
      expect((await attempt(member, enrolment.id, quiz.id, {})).body).toMatchObject({ score: 0, attemptsLeft: 1 });
      expect((await attempt(member, enrolment.id, quiz.id, {})).body).toMatchObject({ attemptsLeft: 0 });
      const third = await attempt(member, enrolment.id, quiz.id, rightAnswers(module));
      expect(third.status).toBe(422);
      expect(third.body.code).toBe('NO_ATTEMPTS_LEFT');
    });

    it('answers 400 for unknown question ids and wrong shapes, using up no attempt', async () => {
      const { module, member, enrolment } = await enrolled();
      const quiz = itemOf(module, 'u1', 'check');
      const unknown = await attempt(member, enrolment.id, quiz.id, { 'no-such-question': 'x' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toEqual(['answers.no-such-question: this quiz has no such question']);
      const shape = await attempt(member, enrolment.id, quiz.id, { [quiz.questions![1].id]: 'yes' });
      expect(shape.status).toBe(400);
      const malformed = await t.request('POST', `/api/enrolments/${enrolment.id}/quizzes/${quiz.id}/attempts`, {
        token: member.token,
        body: { answers: { x: { nested: true } } },
      });
      expect(malformed.status).toBe(400);
      const ok = await attempt(member, enrolment.id, quiz.id, {});
      expect(ok.body.attemptsLeft).toBe(1);
    });

    it('answers 422 when the item is not a quiz', async () => {
      const { module, member, enrolment } = await enrolled();
      expect((await attempt(member, enrolment.id, itemOf(module, 'u1', 'read').id, {})).status).toBe(422);
    });
  });

  describe('a GIFT quiz', () => {
    it('grades weights, numeric tolerance and ranges, true/false and short answers from GIFT', async () => {
      const gift = [
        '::lines:: Which are budget lines? {~%50%Above the line ~%50%Below the line ~%-100%On the line}',
        '::rate:: Tax credit rate? {#7.1:0.1}',
        '::days:: Days of shooting? {#5..10}',
        '::bank:: Banks lend against contracts. {T}',
        '::reserve:: Name the reserve for surprises. {=contingency =contingency reserve}',
      ].join('\n\n');
      const document = moduleDocument({
        tracks: [],
        units: [{ key: 'u1', title: 'U', items: [{ key: 'gift', kind: 'quiz', title: 'G', passMark: 60, gift }] }],
      });
      const module = await publish(t, staff, document);
      const member = await makeMember(t);
      const enrolment = (
        await t.request('POST', `/api/modules/${document.slug}/enrolments`, { token: member.token, body: {} })
      ).body;
      const quiz = itemOf(module, 'u1', 'gift');
      const q = Object.fromEntries(quiz.questions!.map((question) => [question.key, question]));
      const option = (key: string, text: string) =>
        (q[key].options as { id: string; text: string }[]).find((o) => o.text === text)!.id;
      const graded = await attempt(member, enrolment.id, quiz.id, {
        [q.lines.id]: [option('lines', 'Above the line')],
        [q.rate.id]: 7.2,
        [q.days.id]: 12,
        [q.bank.id]: true,
        [q.reserve.id]: 'Contingency  Reserve',
      });
      expect(graded.status).toBe(201);
      // 0.5 + 1 + 0 + 1 + 1 = 3.5 of 5.
      expect(graded.body).toMatchObject({ score: 70, passed: true, attemptsLeft: 0 });
      expect(graded.body.results.map((r: { correct: boolean }) => r.correct)).toEqual([false, true, false, true, true]);
      const view = await t.request('GET', `/api/enrolments/${enrolment.id}`, { token: member.token });
      expect(view.body.status).toBe('completed');
    });
  });

  describe('versions', () => {
    it('keeps a member on the version they enrolled in when v2 is published mid-way', async () => {
      const document = moduleDocument();
      const v1 = await publish(t, staff, document);
      const early = await makeMember(t);
      const first = await t.request('POST', `/api/modules/${document.slug}/enrolments`, {
        token: early.token,
        body: { track: 'emerging' },
      });
      await complete(early, first.body.id, itemOf(v1, 'u1', 'read').id);

      const v2Document = structuredClone(document);
      v2Document.units[0].items.push({ key: 'extra', kind: 'lesson', title: 'Extra', body: 'New' } as never);
      (v2Document.units[0].items[1] as { passMark: number }).passMark = 100;
      expect(
        (await t.request('PUT', `/api/modules/${document.slug}`, { token: staff.token, body: v2Document })).status,
      ).toBe(200);
      expect(
        (await t.request('POST', `/api/modules/${document.slug}/publish`, { token: staff.token })).body.version,
      ).toBe(2);

      const pinned = await t.request('GET', `/api/enrolments/${first.body.id}`, { token: early.token });
      expect(pinned.body.module.version).toBe(1);
      expect(pinned.body.progress).toEqual({ completedItems: 1, totalItems: 3, percent: 33 });
      expect(pinned.body.units[0].items.map((i: { key: string }) => i.key)).toEqual(['read', 'check', 'webinar']);
      // Graded against v1's pass mark (70), not v2's (100).
      const answers = rightAnswers(v1);
      delete answers[itemOf(v1, 'u1', 'check').questions![2].id];
      const graded = await attempt(early, first.body.id, itemOf(v1, 'u1', 'check').id, answers);
      expect(graded.body).toMatchObject({ score: 66.67, passed: false });

      const late = await makeMember(t);
      const second = await t.request('POST', `/api/modules/${document.slug}/enrolments`, {
        token: late.token,
        body: { track: 'emerging' },
      });
      expect(second.body.module.version).toBe(2);
      expect(second.body.progress.totalItems).toBe(4);
    });
  });
});
