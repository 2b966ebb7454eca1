import { randomBytes } from 'node:crypto';
import { UnsubscribeTokens } from '@greenlight/messages';
import { RequestOptions, responseChecker } from '@greenlight/testing';
import {
  Caller,
  CALLERS,
  leaksInternals,
  moduleDocument,
  SecurityFixture,
  startSecurityFixture,
} from './security-fixture';

type Expectation = Record<Caller, number>;

interface Attempt {
  path: string;
  options?: Omit<RequestOptions, 'token'>;
  /** Instead of the caller's usual token (a route that ends sessions is called by a throwaway user of that kind). */
  token?: string;
}

interface Case {
  /** What this case proves, when a route has more than one. */
  name?: string;
  expect: Expectation;
  /** The request each caller makes; built per caller so state-changing routes start from the same place. */
  request: (fx: SecurityFixture, caller: Caller) => Attempt | Promise<Attempt>;
}

const expectation = (anonymous: number, member: number, otherMember: number, staff: number, admin: number) => ({
  anonymous,
  member,
  otherMember,
  staff,
  admin,
});
const everyone = (status: number) => expectation(status, status, status, status, status);
const signedIn = (status: number) => expectation(401, status, status, status, status);
const staffOnly = (status: number) => expectation(401, 403, 403, status, status);
const adminOnly = (status: number) => expectation(401, 403, 403, 403, status);
/** A member's own resource: another member is told it does not exist. */
const ownerOrStaff = (status: number) => expectation(401, status, 404, status, status);
/** Only the owner acts on it: staff, who can see it, are refused; to another member it does not exist. */
const ownerOnly = (status: number) => expectation(401, status, 404, 403, 403);

const fresh = () => randomBytes(4).toString('hex');

/** The current signing key's URL, as the issuer profile lists it. */
const currentKeyUrl = async (fx: SecurityFixture): Promise<string> =>
  (await fx.t.request('GET', '/api/issuer')).body.assertionMethod[0];

/**
 * Every route of the platform, keyed exactly as the OpenAPI document names it. A route that appears in
 * the document without a row here fails the sweep: whoever adds a route decides who may call it.
 */
const MATRIX: Record<string, Case[]> = {
  'GET /api/health': [{ expect: everyone(200), request: () => ({ path: '/api/health' }) }],
  'GET /api/metrics': [{ expect: everyone(200), request: () => ({ path: '/api/metrics' }) }],

  'POST /api/auth/register': [
    {
      expect: everyone(201),
      request: () => ({
        path: '/api/auth/register',
        options: { body: { email: `new-${fresh()}@example.org`, password: 'a long enough password', name: 'New' } },
      }),
    },
  ],
  'POST /api/auth/login': [
    {
      expect: everyone(200),
      request: (fx) => ({
        path: '/api/auth/login',
        options: { body: { email: fx.bystander.user.email, password: fx.bystander.password } },
      }),
    },
  ],
  'POST /api/auth/logout': [
    {
      expect: everyone(204),
      request: async (fx, caller) => ({ path: '/api/auth/logout', token: await fx.throwawayToken(caller) }),
    },
  ],
  'POST /api/auth/logout-all': [
    {
      expect: signedIn(204),
      request: async (fx, caller) => ({ path: '/api/auth/logout-all', token: await fx.throwawayToken(caller) }),
    },
  ],
  'POST /api/auth/password-reset': [
    {
      expect: everyone(202),
      request: (fx) => ({ path: '/api/auth/password-reset', options: { body: { email: fx.bystander.user.email } } }),
    },
  ],
  'POST /api/auth/password-reset/confirm': [
    {
      name: 'a good link resets the password of whoever it was mailed to',
      expect: everyone(200),
      request: async (fx) => ({
        path: '/api/auth/password-reset/confirm',
        options: { body: { token: await fx.accountToken('password_reset'), password: 'a brand new passphrase' } },
      }),
    },
    {
      name: 'a bad link is refused to everyone',
      expect: everyone(400),
      request: () => ({
        path: '/api/auth/password-reset/confirm',
        options: { body: { token: 'not-a-token', password: 'a brand new passphrase' } },
      }),
    },
  ],
  'POST /api/auth/email-verification/confirm': [
    {
      expect: everyone(200),
      request: async (fx) => ({
        path: '/api/auth/email-verification/confirm',
        options: { body: { token: await fx.accountToken('email_verification') } },
      }),
    },
  ],
  'GET /api/auth/providers': [{ expect: everyone(200), request: () => ({ path: '/api/auth/providers' }) }],
  // This platform has no single sign-on configured: its routes do not exist for anyone (test/oidc.e2e-spec.ts
  // drives them against a real provider).
  'GET /api/auth/oidc/login': [{ expect: everyone(404), request: () => ({ path: '/api/auth/oidc/login?next=/' }) }],
  'GET /api/auth/oidc/callback': [
    { expect: everyone(404), request: () => ({ path: '/api/auth/oidc/callback?code=x&state=y' }) },
  ],
  // Signing out of a provider's session works whatever the configuration says now: it ends the caller's
  // session (a throwaway one here) and names the provider's page only for a session opened there.
  'POST /api/auth/oidc/logout': [
    {
      expect: everyone(200),
      request: async (fx, caller) => ({ path: '/api/auth/oidc/logout', token: await fx.throwawayToken(caller) }),
    },
  ],
  'GET /api/auth/me': [{ expect: signedIn(200), request: () => ({ path: '/api/auth/me' }) }],
  'PATCH /api/auth/me': [
    { expect: signedIn(200), request: () => ({ path: '/api/auth/me', options: { body: { locale: 'en' } } }) },
  ],

  'GET /api/users': [{ expect: staffOnly(200), request: () => ({ path: '/api/users' }) }],
  'PATCH /api/users/{id}': [
    {
      expect: adminOnly(200),
      request: (fx) => ({ path: `/api/users/${fx.bystander.user.id}`, options: { body: { role: 'member' } } }),
    },
  ],
  'GET /api/audit': [{ expect: adminOnly(200), request: () => ({ path: '/api/audit' }) }],

  'GET /api/modules': [
    { name: 'published modules', expect: everyone(200), request: () => ({ path: '/api/modules' }) },
    {
      name: 'drafts too',
      expect: expectation(401, 403, 403, 200, 200),
      request: () => ({ path: '/api/modules?status=all' }),
    },
  ],
  'GET /api/modules/schema': [{ expect: everyone(200), request: () => ({ path: '/api/modules/schema' }) }],
  'GET /api/modules/{slug}': [
    {
      name: 'a published module',
      expect: everyone(200),
      request: (fx) => ({ path: `/api/modules/${fx.module.slug}` }),
    },
    {
      name: 'a draft is not found for members',
      expect: expectation(404, 404, 404, 200, 200),
      request: (fx) => ({ path: `/api/modules/${fx.draftSlug}?status=draft` }),
    },
    {
      name: 'the answer key',
      expect: expectation(401, 403, 403, 200, 200),
      request: (fx) => ({ path: `/api/modules/${fx.module.slug}?include=answers` }),
    },
  ],
  'GET /api/modules/{slug}/document': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/modules/${fx.draftSlug}/document` }) },
  ],
  'GET /api/modules/{slug}/items/{itemKey}/gift': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/modules/${fx.module.slug}/items/check/gift` }) },
  ],
  'POST /api/modules': [
    { expect: staffOnly(201), request: () => ({ path: '/api/modules', options: { body: moduleDocument() } }) },
  ],
  'PUT /api/modules/{slug}': [
    {
      expect: staffOnly(200),
      request: (fx) => ({ path: `/api/modules/${fx.draftSlug}`, options: { body: moduleDocument(fx.draftSlug) } }),
    },
  ],
  'POST /api/modules/{slug}/publish': [
    {
      expect: staffOnly(201),
      request: async (fx) => {
        const slug = `publish-${fresh()}`;
        await fx.t.request('POST', '/api/modules', { token: fx.users.staff.token, body: moduleDocument(slug) });
        return { path: `/api/modules/${slug}/publish` };
      },
    },
  ],

  // Authoring (the editor's routes): staff only.
  'POST /api/modules/validate': [
    { expect: staffOnly(200), request: () => ({ path: '/api/modules/validate', options: { body: moduleDocument() } }) },
  ],
  'GET /api/modules/{slug}/changes': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/modules/${fx.module.slug}/changes` }) },
  ],
  'GET /api/modules/{slug}/versions': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/modules/${fx.module.slug}/versions` }) },
  ],
  'GET /api/modules/{slug}/versions/{version}/document': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/modules/${fx.module.slug}/versions/1/document` }) },
  ],
  'POST /api/modules/{slug}/duplicate': [
    {
      expect: staffOnly(201),
      request: (fx) => ({
        path: `/api/modules/${fx.module.slug}/duplicate`,
        options: { body: { slug: `copy-${fresh()}` } },
      }),
    },
  ],
  'GET /api/modules/{slug}/preview': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/modules/${fx.draftSlug}/preview` }) },
  ],
  'POST /api/modules/{slug}/preview/quizzes/{itemId}/attempts': [
    {
      expect: staffOnly(200),
      request: (fx) => ({
        path: `/api/modules/${fx.module.slug}/preview/quizzes/${fx.module.items.check}/attempts`,
        options: { body: { answers: {} } },
      }),
    },
  ],

  // Progress. The fixture's member is already enrolled: enrolling again answers 200 with that enrolment.
  'POST /api/modules/{slug}/enrolments': [
    {
      expect: expectation(401, 200, 201, 201, 201),
      request: (fx) => ({ path: `/api/modules/${fx.module.slug}/enrolments`, options: { body: {} } }),
    },
  ],
  'GET /api/me/enrolments': [{ expect: signedIn(200), request: () => ({ path: '/api/me/enrolments' }) }],
  'GET /api/enrolments/{id}': [
    { expect: ownerOrStaff(200), request: (fx) => ({ path: `/api/enrolments/${fx.enrolmentId}` }) },
  ],
  'POST /api/enrolments/{id}/items/{itemId}/complete': [
    {
      expect: ownerOnly(200),
      request: (fx) => ({ path: `/api/enrolments/${fx.enrolmentId}/items/${fx.module.items.read}/complete` }),
    },
  ],
  'POST /api/enrolments/{id}/items/{itemId}/staff-completion': [
    {
      expect: staffOnly(200),
      request: (fx) => ({
        path: `/api/enrolments/${fx.enrolmentId}/items/${fx.module.items.webinar}/staff-completion`,
        options: { body: { reason: 'Attended by phone' } },
      }),
    },
  ],
  'POST /api/enrolments/{id}/quizzes/{itemId}/attempts': [
    {
      expect: ownerOnly(201),
      request: async (fx) => {
        const module = await fx.t.request('GET', `/api/modules/${fx.module.slug}`);
        const quiz = module.body.units[0].items.find((item: { key: string }) => item.key === 'check');
        // A wrong answer: the quiz stays open, so the matrix does not depend on the order of its rows.
        const answers = { [quiz.questions[0].id]: quiz.questions[0].options[1].id };
        return {
          path: `/api/enrolments/${fx.enrolmentId}/quizzes/${quiz.id}/attempts`,
          options: { body: { answers } },
        };
      },
    },
  ],
  'GET /api/enrolments/{id}/quizzes/{itemId}/attempts': [
    {
      expect: ownerOrStaff(200),
      request: (fx) => ({ path: `/api/enrolments/${fx.enrolmentId}/quizzes/${fx.module.items.check}/attempts` }),
    },
  ],
  'POST /api/modules/{slug}/items/{itemId}/attendance': [
    {
      expect: staffOnly(200),
      request: (fx) => ({
        path: `/api/modules/${fx.module.slug}/items/${fx.module.items.webinar}/attendance`,
        options: { body: { emails: [fx.users.member.user.email] } },
      }),
    },
  ],
  'GET /api/reports/modules': [{ expect: staffOnly(200), request: () => ({ path: '/api/reports/modules' }) }],
  'GET /api/reports/completions-by-month': [
    { expect: staffOnly(200), request: () => ({ path: '/api/reports/completions-by-month?months=6' }) },
  ],
  'GET /api/reports/outbox': [{ expect: staffOnly(200), request: () => ({ path: '/api/reports/outbox' }) }],
  'GET /api/reports/modules/{slug}': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/reports/modules/${fx.module.slug}` }) },
  ],
  'GET /api/reports/modules/{slug}/members': [
    {
      name: 'JSON',
      expect: staffOnly(200),
      request: (fx) => ({ path: `/api/reports/modules/${fx.module.slug}/members` }),
    },
    {
      name: 'CSV',
      expect: staffOnly(200),
      request: (fx) => ({ path: `/api/reports/modules/${fx.module.slug}/members?format=csv` }),
    },
  ],

  // Certificates.
  'GET /api/me/certificates': [{ expect: signedIn(200), request: () => ({ path: '/api/me/certificates' }) }],
  'GET /api/me/transcript': [
    { name: 'PDF', expect: signedIn(200), request: () => ({ path: '/api/me/transcript?format=pdf' }) },
    { name: 'CSV', expect: signedIn(200), request: () => ({ path: '/api/me/transcript?format=csv' }) },
  ],
  'GET /api/certificates': [{ expect: staffOnly(200), request: () => ({ path: '/api/certificates' }) }],
  'GET /api/certificates/{id}': [
    {
      expect: ownerOrStaff(200),
      request: async (fx) => ({ path: `/api/certificates/${(await fx.certificate()).id}` }),
    },
  ],
  'GET /api/certificates/{id}/pdf': [
    {
      expect: ownerOrStaff(200),
      request: async (fx) => ({ path: `/api/certificates/${(await fx.certificate()).id}/pdf` }),
    },
  ],
  'GET /api/certificates/{id}/credential': [
    {
      expect: ownerOrStaff(200),
      request: async (fx) => ({ path: `/api/certificates/${(await fx.certificate()).id}/credential` }),
    },
  ],
  'POST /api/certificates/{id}/revoke': [
    {
      expect: staffOnly(200),
      request: async (fx) => ({
        path: `/api/certificates/${(await fx.certificate()).id}/revoke`,
        options: { body: { reason: 'Issued in error' } },
      }),
    },
  ],
  'POST /api/certificates/{id}/reissue': [
    {
      expect: staffOnly(201),
      request: async (fx) => ({
        path: `/api/certificates/${(await fx.certificate()).id}/reissue`,
        options: { body: { reason: 'Name corrected' } },
      }),
    },
  ],
  'GET /api/verify/{serial}': [
    { expect: everyone(200), request: async (fx) => ({ path: `/api/verify/${(await fx.certificate()).serial}` }) },
  ],
  'GET /api/issuer': [{ expect: everyone(200), request: () => ({ path: '/api/issuer' }) }],
  'GET /.well-known/jwks.json': [{ expect: everyone(200), request: () => ({ path: '/.well-known/jwks.json' }) }],

  // Credentials anyone can check (issue 14).
  'GET /api/issuer/keys/{kid}': [
    { expect: everyone(200), request: async (fx) => ({ path: new URL(await currentKeyUrl(fx)).pathname }) },
    { name: 'an unknown key', expect: everyone(404), request: () => ({ path: '/api/issuer/keys/no-such-key' }) },
  ],
  'GET /api/issuer/keys/{kid}/jwk': [
    { expect: everyone(200), request: async (fx) => ({ path: `${new URL(await currentKeyUrl(fx)).pathname}/jwk` }) },
  ],
  'POST /api/verify/credential': [
    {
      expect: everyone(200),
      request: async (fx) => {
        const { id } = await fx.certificate();
        const signed = await fx.t.request('GET', `/api/certificates/${id}/credential`, { token: fx.token('staff') });
        return { path: '/api/verify/credential', options: { body: { jwt: signed.body.jwt } } };
      },
    },
    {
      name: 'not a credential',
      expect: everyone(400),
      request: () => ({ path: '/api/verify/credential', options: { body: { hello: 'world' } } }),
    },
  ],
  'GET /api/issuer/image': [{ expect: everyone(200), request: () => ({ path: '/api/issuer/image' }) }],
  'GET /api/status-lists/{list}': [
    {
      expect: everyone(200),
      request: async (fx) => {
        await fx.certificate();
        return { path: '/api/status-lists/0' };
      },
    },
    { name: 'a list not in use', expect: everyone(404), request: () => ({ path: '/api/status-lists/4242' }) },
  ],
  'GET /api/badges/{slug}/{version}': [
    { expect: everyone(200), request: (fx) => ({ path: `/api/badges/${fx.module.slug}/1?lang=fr` }) },
    {
      name: 'an unknown version',
      expect: everyone(404),
      request: (fx) => ({ path: `/api/badges/${fx.module.slug}/99` }),
    },
  ],

  // Running a program (issue 15).
  'GET /api/members/{id}': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/members/${fx.users.member.user.id}` }) },
  ],
  'POST /api/enrolments/{id}/quizzes/{itemId}/extra-attempts': [
    {
      expect: staffOnly(200),
      request: (fx) => ({
        path: `/api/enrolments/${fx.enrolmentId}/quizzes/${fx.module.items.check}/extra-attempts`,
        options: { body: { reason: 'Lost connection' } },
      }),
    },
  ],
  'POST /api/enrolments/{id}/track': [
    {
      // A track the module lacks: staff get as far as the rules (400) and nothing changes for the other rows.
      expect: staffOnly(400),
      request: (fx) => ({
        path: `/api/enrolments/${fx.enrolmentId}/track`,
        options: { body: { track: 'no-such-track', reason: 'Checking the matrix' } },
      }),
    },
  ],
  'POST /api/modules/{slug}/reminders': [
    {
      expect: staffOnly(200),
      request: (fx) => ({
        path: `/api/modules/${fx.module.slug}/reminders`,
        options: { body: { subject: { en: 'Hi', fr: 'Salut' }, body: { en: 'Go', fr: 'Allez' }, dryRun: true } },
      }),
    },
  ],
  'GET /api/modules/{slug}/reminder-rules': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/modules/${fx.module.slug}/reminder-rules` }) },
  ],
  'PUT /api/modules/{slug}/reminder-rules': [
    {
      expect: staffOnly(200),
      request: (fx) => ({
        path: `/api/modules/${fx.module.slug}/reminder-rules`,
        options: {
          body: [
            {
              key: 'idle',
              kind: 'inactive',
              days: 14,
              subject: { en: 'Hi', fr: 'Salut' },
              body: { en: 'Go', fr: 'Allez' },
              enabled: false,
            },
          ],
        },
      }),
    },
  ],
  'POST /api/modules/{slug}/invitations': [
    {
      expect: staffOnly(200),
      request: (fx) => ({
        path: `/api/modules/${fx.module.slug}/invitations`,
        options: { body: { emails: [`invitee-${fresh()}@example.org`] } },
      }),
    },
  ],
  'GET /api/modules/{slug}/invitations': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/modules/${fx.module.slug}/invitations` }) },
  ],
  'GET /api/modules/{slug}/certificates.zip': [
    { expect: staffOnly(200), request: (fx) => ({ path: `/api/modules/${fx.module.slug}/certificates.zip` }) },
  ],
  'GET /api/unsubscribe/{token}': [
    { expect: everyone(200), request: (fx) => ({ path: `/api/unsubscribe/${unsubscribeToken(fx)}` }) },
  ],
  'POST /api/unsubscribe/{token}': [
    { expect: everyone(200), request: (fx) => ({ path: `/api/unsubscribe/${unsubscribeToken(fx)}` }) },
  ],
};

function unsubscribeToken(fx: SecurityFixture): string {
  return fx.t.app.get(UnsubscribeTokens).tokenFor(fx.bystander.user.id);
}

describe('the authorisation matrix', () => {
  let fx: SecurityFixture;
  let documented: Set<string>;
  let checkAnswer: ReturnType<typeof responseChecker>;

  beforeAll(async () => {
    fx = await startSecurityFixture();
    documented = new Set((await fx.operations()).map((operation) => operation.key));
    checkAnswer = responseChecker((await fx.t.request('GET', '/api/docs-json')).body);
  }, 60_000);
  afterAll(() => fx?.close());

  it('has a row for every route in the OpenAPI document', () => {
    const missing = [...documented].filter((key) => !MATRIX[key]);
    expect(missing).toEqual([]);
  });

  describe.each(Object.entries(MATRIX))('%s', (key, cases) => {
    it('is a route the OpenAPI document still describes', () => {
      expect(documented.has(key)).toBe(true);
    });

    it.each(cases.map((c, index) => [c.name ?? `case ${index + 1}`, c] as const))(
      'answers each caller as declared: %s',
      async (_name, testCase) => {
        const method = key.split(' ')[0];
        const route = key.slice(method.length + 1);
        const actual: Partial<Expectation> = {};
        const misdescribed: string[] = [];
        for (const caller of CALLERS) {
          const attempt = await testCase.request(fx, caller);
          const token = 'token' in attempt ? attempt.token : fx.token(caller);
          const response = await fx.t.request(method, attempt.path, { ...attempt.options, token });
          actual[caller] = response.status;
          expect(leaksInternals(response.text)).toBe(false);
          // Every JSON success answer is what the document (and so the web's generated types) says it is.
          if (response.status < 300 && response.headers.get('content-type')?.includes('application/json')) {
            misdescribed.push(...checkAnswer(method, route, response.status, response.body));
          }
        }
        expect(actual).toEqual(testCase.expect);
        expect(misdescribed).toEqual([]);
      },
    );
  });
});
