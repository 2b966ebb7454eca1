import { randomUUID } from 'node:crypto';
import { PlatformModule } from '../../apps/platform/src/platform.module';
import { AccountTokensRepository, TokenPurpose } from '../../libs/auth/src/account/account-tokens.repository';
import { CertificateIssuingService } from '../../libs/certificate/src/issuing/certificate-issuing.service';
import { makeAdmin, makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';

/** The five callers every route is tried as. */
export const CALLERS = ['anonymous', 'member', 'otherMember', 'staff', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];

export interface Operation {
  /** "METHOD /path/{param}" exactly as the OpenAPI document names it. */
  key: string;
  method: string;
  path: string;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
}

let moduleCounter = 0;

/** A small published-ready module document with one lesson, one quiz and one event (fresh slug each call). */
export function moduleDocument(slug = `sweep-${Date.now().toString(36)}-${++moduleCounter}`) {
  return {
    slug,
    title: { en: 'Security sweep', fr: 'Balayage de sécurité' },
    summary: 'A module the security sweep works on.',
    certificate: { enabled: true, cpdHours: 1 },
    units: [
      {
        key: 'u1',
        title: 'Unit one',
        items: [
          { key: 'read', kind: 'lesson', title: 'Read', body: 'Hello' },
          {
            key: 'check',
            kind: 'quiz',
            title: 'Check',
            passMark: 50,
            maxAttempts: null,
            questions: [
              {
                key: 'q1',
                type: 'single',
                prompt: 'Which?',
                options: [
                  { key: 'a', text: 'Right', correct: true },
                  { key: 'b', text: 'Wrong' },
                ],
              },
            ],
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
    ],
  };
}

export interface SecurityFixture {
  t: TestApp;
  users: Record<Exclude<Caller, 'anonymous'>, TestUser>;
  /** Someone nobody else's action depends on: the target of role changes. */
  bystander: TestUser;
  /** A published module and its items, for the catalog and progress routes. */
  module: { slug: string; id: string; items: Record<string, string> };
  /** A module that is only a draft: members must not see it. */
  draftSlug: string;
  /** The member's enrolment on the published module. */
  enrolmentId: string;
  /** Issues a new certificate to the member (as the worker would), for routes that change one. */
  certificate(): Promise<{ id: string; serial: string }>;
  token(caller: Caller): string | undefined;
  /** A new user of the caller's kind, for routes that end the sessions they are called with (logout-all). */
  throwawayToken(caller: Caller): Promise<string | undefined>;
  /** A mailed link's token (as the account service issues it) for a new member nobody else depends on. */
  accountToken(purpose: TokenPurpose): Promise<string>;
  operations(): Promise<Operation[]>;
  close(): Promise<void>;
}

/** The whole platform (every service, no worker) on a fresh database, with one user per caller kind. */
export async function startSecurityFixture(): Promise<SecurityFixture> {
  const t = await startTestApp(() => PlatformModule.register({ RUN_WORKER: false }));
  try {
    const [member, otherMember, staff, admin, bystander] = [
      await makeMember(t, { name: 'Owning Member' }),
      await makeMember(t, { name: 'Other Member' }),
      await makeStaff(t),
      await makeAdmin(t),
      await makeMember(t, { name: 'Bystander' }),
    ];
    const document = moduleDocument();
    const created = await t.request('POST', '/api/modules', { token: staff.token, body: document });
    if (created.status !== 201) throw new Error(`module create failed: ${created.status} ${created.text}`);
    const published = await t.request('POST', `/api/modules/${document.slug}/publish`, { token: staff.token });
    if (published.status !== 201) throw new Error(`publish failed: ${published.status} ${published.text}`);
    const read = await t.request('GET', `/api/modules/${document.slug}`, { token: member.token });
    const items: Record<string, string> = {};
    for (const unit of read.body.units) for (const item of unit.items) items[item.key] = item.id;

    const draft = moduleDocument();
    const draftCreated = await t.request('POST', '/api/modules', { token: staff.token, body: draft });
    if (draftCreated.status !== 201) throw new Error(`draft create failed: ${draftCreated.status}`);

    const enrolled = await t.request('POST', `/api/modules/${document.slug}/enrolments`, {
      token: member.token,
      body: {},
    });
    if (enrolled.status !== 201) throw new Error(`enrolment failed: ${enrolled.status} ${enrolled.text}`);
    const issuing = t.app.get(CertificateIssuingService);
    const certificate = async () => {
      const outcome = await issuing.issue({
        enrolmentId: randomUUID(),
        memberId: member.user.id,
        moduleId: read.body.id,
        moduleSlug: document.slug,
        moduleVersion: read.body.version,
        track: null,
        completedAt: new Date().toISOString(),
      });
      if (outcome.outcome !== 'issued') throw new Error(`certificate not issued: ${JSON.stringify(outcome)}`);
      return { id: outcome.certificate.id, serial: outcome.certificate.serial };
    };

    const users = { member, otherMember, staff, admin };
    return {
      t,
      users,
      bystander,
      module: { slug: document.slug, id: read.body.id, items },
      draftSlug: draft.slug,
      enrolmentId: enrolled.body.id,
      certificate,
      token: (caller) => (caller === 'anonymous' ? undefined : users[caller].token),
      async accountToken(purpose) {
        const owner = await makeMember(t, { name: 'Link Owner' });
        return t.app.get(AccountTokensRepository).issue(owner.user.id, purpose);
      },
      async throwawayToken(caller) {
        if (caller === 'anonymous') return undefined;
        const make = caller === 'staff' ? makeStaff : caller === 'admin' ? makeAdmin : makeMember;
        return (await make(t, { name: 'Throwaway' })).token;
      },
      async operations() {
        const docs = await t.request('GET', '/api/docs-json');
        const result: Operation[] = [];
        for (const [path, methods] of Object.entries<Record<string, Omit<Operation, 'key' | 'method' | 'path'>>>(
          docs.body.paths,
        )) {
          for (const [method, operation] of Object.entries(methods)) {
            if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
            const upper = method.toUpperCase();
            result.push({ key: `${upper} ${path}`, method: upper, path, requestBody: operation.requestBody });
          }
        }
        return result;
      },
      close: () => t.close(),
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/** Anything in a response that looks like a leaked stack trace or a server path. */
export function leaksInternals(text: string): boolean {
  return /\bat [\w.<>$]+ \(.*:\d+:\d+\)|\bat .*\.(js|ts):\d+:\d+|node_modules\/|\/work\/|QueryFailedError|TypeORMError/.test(
    text,
  );
}
