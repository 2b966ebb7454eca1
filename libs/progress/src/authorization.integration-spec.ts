import { makeAdmin, makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { itemOf, moduleDocument, ModuleRead, ProgressTestModule, publish } from './testing/progress-fixtures';

jest.setTimeout(30_000);

type Caller = 'anonymous' | 'owner' | 'other member' | 'staff' | 'admin';

describe('who may call the progress routes', () => {
  let t: TestApp;
  let module: ModuleRead;
  let slug: string;
  let enrolmentId: string;
  const users = {} as Record<Exclude<Caller, 'anonymous'>, TestUser>;

  beforeAll(async () => {
    t = await startTestApp(() => ProgressTestModule, { env: { OUTBOX_RELAY: 'false' } });
    users.staff = await makeStaff(t);
    users.admin = await makeAdmin(t);
    users.owner = await makeMember(t);
    users['other member'] = await makeMember(t);
    const document = moduleDocument();
    slug = document.slug;
    module = await publish(t, users.staff, document);
    enrolmentId = (
      await t.request('POST', `/api/modules/${slug}/enrolments`, {
        token: users.owner.token,
        body: { track: 'emerging' },
      })
    ).body.id;
    // The other member has an enrolment of their own, which must not open the owner's.
    await t.request('POST', `/api/modules/${slug}/enrolments`, {
      token: users['other member'].token,
      body: { track: 'emerging' },
    });
  });
  afterAll(() => t.close());

  const call = (caller: Caller, method: string, path: string, body?: unknown) =>
    t.request(method, path, { token: caller === 'anonymous' ? undefined : users[caller].token, body });

  const lesson = () => itemOf(module, 'u1', 'read').id;
  const quiz = () => itemOf(module, 'u1', 'check').id;
  const webinar = () => itemOf(module, 'u1', 'webinar').id;

  const matrix: [string, string, () => string, unknown, Partial<Record<Caller, number>>][] = [
    [
      'GET',
      'one enrolment',
      () => `/api/enrolments/${enrolmentId}`,
      undefined,
      { anonymous: 401, owner: 200, 'other member': 404, staff: 200, admin: 200 },
    ],
    [
      'POST',
      'complete a lesson',
      () => `/api/enrolments/${enrolmentId}/items/${lesson()}/complete`,
      undefined,
      { anonymous: 401, 'other member': 404, staff: 403, admin: 403, owner: 200 },
    ],
    [
      'POST',
      'attempt a quiz',
      () => `/api/enrolments/${enrolmentId}/quizzes/${quiz()}/attempts`,
      { answers: {} },
      { anonymous: 401, 'other member': 404, staff: 403, owner: 201 },
    ],
    [
      'GET',
      'list attempts',
      () => `/api/enrolments/${enrolmentId}/quizzes/${quiz()}/attempts`,
      undefined,
      { anonymous: 401, owner: 200, 'other member': 404, staff: 200 },
    ],
    [
      'POST',
      'staff completion',
      () => `/api/enrolments/${enrolmentId}/items/${lesson()}/staff-completion`,
      { reason: 'Did it in person' },
      { anonymous: 401, owner: 403, 'other member': 403, staff: 200, admin: 200 },
    ],
    [
      'POST',
      'record attendance',
      () => `/api/modules/${slug}/items/${webinar()}/attendance`,
      { emails: ['x@example.org'] },
      { anonymous: 401, owner: 403, staff: 200, admin: 200 },
    ],
    [
      'GET',
      'the overview report',
      () => '/api/reports/modules',
      undefined,
      { anonymous: 401, owner: 403, staff: 200, admin: 200 },
    ],
    [
      'GET',
      'a module report',
      () => `/api/reports/modules/${slug}`,
      undefined,
      { anonymous: 401, owner: 403, staff: 200 },
    ],
    [
      'GET',
      'the member list',
      () => `/api/reports/modules/${slug}/members`,
      undefined,
      { anonymous: 401, owner: 403, staff: 200 },
    ],
    [
      'GET',
      'the member list as CSV',
      () => `/api/reports/modules/${slug}/members?format=csv`,
      undefined,
      { anonymous: 401, owner: 403, staff: 200 },
    ],
    ['GET', 'the outbox backlog', () => '/api/reports/outbox', undefined, { anonymous: 401, owner: 403, staff: 200 }],
    ['GET', 'my enrolments', () => '/api/me/enrolments', undefined, { anonymous: 401, owner: 200 }],
    ['POST', 'enrol', () => `/api/modules/${slug}/enrolments`, { track: 'emerging' }, { anonymous: 401, owner: 200 }],
  ];

  describe.each(matrix)('%s %s', (method, _name, path, body, expected) => {
    it.each(Object.entries(expected))('answers %s with %i', async (caller, status) => {
      const response = await call(caller as Caller, method, path(), body);
      expect(response.status).toBe(status);
    });
  });

  it('shows a member only their own enrolments', async () => {
    const mine = await call('other member', 'GET', '/api/me/enrolments');
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0].id).not.toBe(enrolmentId);
    expect(mine.body[0].memberId).toBe(users['other member'].user.id);
  });

  it('answers 404, not 403, for an enrolment that does not exist, so existence never leaks', async () => {
    const missing = await call('other member', 'GET', '/api/enrolments/7f1b5a52-0000-4000-8000-000000000000');
    const foreign = await call('other member', 'GET', `/api/enrolments/${enrolmentId}`);
    expect([missing.status, foreign.status]).toEqual([404, 404]);
    expect(foreign.body.message).toBe(missing.body.message);
  });

  it('describes every progress route in the OpenAPI document', async () => {
    const docs = await t.request('GET', '/api/docs-json');
    const paths = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /api/modules/{slug}/enrolments',
        'GET /api/me/enrolments',
        'GET /api/enrolments/{id}',
        'POST /api/enrolments/{id}/items/{itemId}/complete',
        'POST /api/enrolments/{id}/quizzes/{itemId}/attempts',
        'POST /api/modules/{slug}/items/{itemId}/attendance',
        'GET /api/reports/modules',
        'GET /api/reports/modules/{slug}',
        'GET /api/reports/modules/{slug}/members',
      ]),
    );
  });

  it('answers 400, never 500, for NUL characters and lone surrogates PostgreSQL cannot store', async () => {
    const nul = '\u0000';
    const responses = await Promise.all([
      call('staff', 'POST', `/api/enrolments/${enrolmentId}/items/${lesson()}/staff-completion`, {
        reason: `why${nul}`,
      }),
      call('staff', 'POST', `/api/modules/${slug}/items/${webinar()}/attendance`, { emails: [`a${nul}@example.org`] }),
      call('owner', 'POST', `/api/enrolments/${enrolmentId}/quizzes/${quiz()}/attempts`, { answers: { [nul]: 'x' } }),
      call('owner', 'POST', `/api/enrolments/${enrolmentId}/quizzes/${quiz()}/attempts`, {
        answers: { [itemOf(module, 'u1', 'check').questions![2].id]: `interim${nul}` },
      }),
      call('owner', 'POST', `/api/modules/${slug}/enrolments`, { track: `x${nul}` }),
      call('staff', 'GET', `/api/reports/modules/${slug}/members?track=%00`),
      call('staff', 'GET', '/api/reports/modules/a%00b'),
      call('owner', 'POST', `/api/enrolments/${enrolmentId}/quizzes/${quiz()}/attempts`, {
        answers: { [itemOf(module, 'u1', 'check').questions![2].id]: 'lone \ud800 surrogate' },
      }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400]);
  });

  it('accepts the session cookie as well as the bearer token', async () => {
    const response = await t.request('GET', '/api/me/enrolments', {
      headers: { cookie: `gl_session=${users.owner.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.body[0].id).toBe(enrolmentId);
  });
});
