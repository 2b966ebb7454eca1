import fc from 'fast-check';
import { PlatformModule } from '../../apps/platform/src/platform.module';
import { startTestApp, TestApp } from '@greenlight/testing';
import { startTestProvider, TestProvider } from '../support/oidc-provider';
import { JsonSchema, leaksInternals, Operation, SecurityFixture, startSecurityFixture } from './security-fixture';

/**
 * Property-based fuzzing of every request body the OpenAPI document describes: whatever arrives —
 * wrong types, missing or extra fields, huge or odd strings, bodies shaped almost like the real thing,
 * or text that is not JSON at all — the answer is a 4xx or a success, never a 500, and never a stack
 * trace or an internal name.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);

/** Awkward scalars that have broken servers before. */
const nasty = fc.constantFrom<unknown>(
  '',
  ' ',
  '\u0000',
  '🎬'.repeat(50),
  'x'.repeat(5000),
  "'; DROP TABLE auth.users; --",
  '{{7*7}}',
  '__proto__',
  -1,
  0,
  1e308,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  null,
  [],
  {},
  '2026-02-30T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(nasty, fc.jsonValue({ maxDepth: 3 }));

/** A value that follows the schema at the top and goes wrong anywhere below. */
function shaped(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return anyValue;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((s) => shaped(s, depth + 1)), anyValue);
  if (schema.enum?.length) return fc.oneof(fc.constantFrom(...schema.enum), anyValue);
  if (schema.properties) {
    const fields = Object.fromEntries(
      Object.entries(schema.properties).map(([name, sub]) => [name, shaped(sub, depth + 1)]),
    );
    return fc.oneof(
      { weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.record(fields), fc.dictionary(fc.string(), anyValue)).map(([a, b]) => ({ ...b, ...a })),
      },
      { weight: 1, arbitrary: anyValue },
    );
  }
  if (schema.items) return fc.oneof(fc.array(shaped(schema.items, depth + 1), { maxLength: 5 }), anyValue);
  return anyValue;
}

/** Logout and logout-all end the sessions of whoever calls them: each run is a throwaway user's. */
const endsSession = (operation: Operation) => operation.path.startsWith('/api/auth/logout');

function bodySchema(operation: Operation): JsonSchema | undefined {
  const content = operation.requestBody?.content ?? {};
  return (content['application/json'] ?? Object.values(content)[0])?.schema;
}

describe('fuzzing every request body', () => {
  let fx: SecurityFixture;
  let operations: Operation[];

  beforeAll(async () => {
    fx = await startSecurityFixture();
    operations = (await fx.operations()).filter((operation) => ['POST', 'PUT', 'PATCH'].includes(operation.method));
  }, 60_000);
  afterAll(() => fx?.close());

  /** Real ids where the route names them, so bodies reach the code that reads them. */
  async function concretePath(path: string): Promise<string> {
    const certificate = path.startsWith('/api/certificates/') ? await fx.certificate() : undefined;
    return path
      .replace('{slug}', fx.module.slug)
      .replace('{itemId}', path.includes('/quizzes/') ? fx.module.items.check : fx.module.items.webinar)
      .replace('{id}', certificate?.id ?? (path.startsWith('/api/users/') ? fx.bystander.user.id : fx.enrolmentId))
      .replace('{serial}', certificate?.serial ?? 'GL-0000-0000-0000')
      .replace('{version}', '1');
  }

  it('covers every route that takes a body', () => {
    expect(operations.map((operation) => operation.key)).toEqual(
      expect.arrayContaining([
        'POST /api/modules',
        'POST /api/auth/register',
        'POST /api/enrolments/{id}/quizzes/{itemId}/attempts',
      ]),
    );
  });

  it('never answers 500 or leaks internals, whatever the body (as staff, as a member, anonymously)', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      const path = await concretePath(operation.path);
      const schema = bodySchema(operation);
      await fc
        .assert(
          fc.asyncProperty(
            fc.constantFrom('admin', 'member', 'anonymous' as const),
            fc.oneof(
              { weight: 5, arbitrary: shaped(schema) },
              { weight: 1, arbitrary: fc.string().map((raw) => ({ raw })) },
            ),
            async (caller, value) => {
              const token = endsSession(operation) ? await fx.throwawayToken(caller) : fx.token(caller);
              const raw = value && typeof value === 'object' && 'raw' in value && Object.keys(value).length === 1;
              const response = await fx.t.request(operation.method, path, {
                token,
                ...(raw
                  ? { rawBody: (value as { raw: string }).raw, headers: { 'content-type': 'application/json' } }
                  : { body: value }),
              });
              if (response.status >= 500 || leaksInternals(response.text)) {
                failures.push(
                  `${operation.key} as ${caller} with ${JSON.stringify(value).slice(0, 300)} → ${response.status} ${response.text.slice(0, 300)}`,
                );
                return false;
              }
              return true;
            },
          ),
          { numRuns: RUNS, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

/**
 * The single sign-on routes take their input in the query (the provider's answer, the page to go back
 * to): on a platform with a real provider, whatever query arrives, with or without a genuine sign-in in
 * progress, it never signs anyone in, never redirects off the site or the provider, never answers 5xx.
 */
describe('fuzzing the single sign-on queries', () => {
  let provider: TestProvider;
  let t: TestApp;
  let flowCookie: string;

  beforeAll(async () => {
    provider = await startTestProvider(['http://127.0.0.1:3999/api/auth/oidc/callback']);
    t = await startTestApp(() => PlatformModule.register({ RUN_WORKER: false }), {
      env: {
        PUBLIC_URL: 'http://127.0.0.1:3999',
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
      },
    });
    const started = await get('/api/auth/oidc/login');
    expect(started.status).toBe(302);
    flowCookie = started.headers.get('set-cookie')!.split(';')[0];
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /** Redirects are the answer here, not followed. */
  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(t.url + path, { headers, redirect: 'manual' });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  const text = fc.oneof(nasty.map(String), fc.string(), fc.webSegment());
  const query = fc
    .dictionary(fc.oneof(fc.constantFrom('code', 'state', 'iss', 'error', 'session_state', 'next'), fc.string()), text)
    .map((params) => new URLSearchParams(params).toString());

  it('never signs in, leaves the site or fails, whatever the callback or login query', async () => {
    const failures: string[] = [];
    await fc
      .assert(
        fc.asyncProperty(
          fc.constantFrom('/api/auth/oidc/callback', '/api/auth/oidc/login'),
          query,
          fc.boolean(),
          async (path, search, withFlow) => {
            const response = await get(`${path}?${search}`, withFlow ? { cookie: flowCookie } : {});
            const location = response.headers.get('location') ?? '';
            const where = location.startsWith('/login?sso=') || location.startsWith(`${provider.issuer}/auth?`);
            const ok =
              response.status < 500 &&
              !leaksInternals(response.text) &&
              !(response.headers.get('set-cookie') ?? '').includes('gl_session=ey') &&
              (response.status === 400 || (response.status === 302 && where));
            if (!ok) failures.push(`${path}?${search} → ${response.status} ${location} ${response.text.slice(0, 200)}`);
            return ok;
          },
        ),
        { numRuns: RUNS * 4, endOnFailure: true },
      )
      .catch(() => undefined);
    expect(failures).toEqual([]);
  }, 300_000);
});
