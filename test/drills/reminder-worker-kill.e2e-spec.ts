import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PoolClient } from 'pg';
import {
  freePort,
  MailCatcher,
  makeMember,
  makeStaff,
  startTestApp,
  TestApp,
  TestUser,
  TEST_REDIS_URL,
} from '@greenlight/testing';
import { oneLessonModule, ProgressTestModule, publish } from '../../libs/progress/src/testing/progress-fixtures';
import { buildOnce, eventually, RunningApp, startApp, waitForHealth } from '../support/processes';

jest.setTimeout(240_000);

/**
 * A reminder rule's run killed mid-way (SIGKILL, no shutdown) loses and doubles nothing: the run writes
 * its reminders a batch per transaction under dedupe keys, so the next worker's run writes only the rest.
 * The test holds one member's dedupe key in an open transaction of its own, so the run is certainly
 * stuck between batches when the worker is killed.
 */
describe('a reminder worker killed mid-run', () => {
  const MEMBERS = 12;
  const BATCH = 5;
  let catcher: MailCatcher;
  let t: TestApp;
  let dir: string;
  let worker: RunningApp | undefined;
  let env: Record<string, string>;
  let blocker: PoolClient | undefined;

  async function startWorker(): Promise<RunningApp> {
    const port = await freePort();
    const app = startApp('platform', { ...env, PORT: String(port) });
    await waitForHealth(`http://127.0.0.1:${port}`, app);
    return app;
  }

  beforeAll(async () => {
    buildOnce();
    catcher = await MailCatcher.start();
    const prefix = `glkill-${process.pid}-${Date.now().toString(36)}`;
    dir = mkdtempSync(join(tmpdir(), 'gl-kill-'));
    env = {
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SMTP_URL: catcher.url,
      MESSAGES_POLL_MS: '200',
      REMINDER_RULES_EVERY_MS: '1000',
      REMINDER_BATCH_SIZE: String(BATCH),
      JWT_SECRET: 'a-secret-for-the-reminder-kill-drill-only-0123456789',
      DATA_DIR: dir,
      CERT_STORAGE_DIR: join(dir, 'certificates'),
      IMPORT_CONTENT_DIR: 'none',
    };
    // The API for setting up runs here and consumes nothing; the worker process does the rest.
    t = await startTestApp(() => ProgressTestModule, { env: { ...env, WORKER_QUEUES: 'certificates' } });
    env.DATABASE_URL = t.db.url;
    env.RUN_WORKER = 'true';
    env.WORKER_QUEUES = 'notifications,reminders';
  });

  afterAll(async () => {
    await blocker?.query('ROLLBACK').catch(() => undefined);
    blocker?.release();
    await worker?.stop();
    await t?.close();
    await catcher?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('still gives every member exactly one reminder', async () => {
    const staff = await makeStaff(t);
    const module = await publish(t, staff, oneLessonModule());
    const members: TestUser[] = [];
    for (let n = 1; n <= MEMBERS; n++) {
      members.push(await makeMember(t, { name: `Kill Member ${String(n).padStart(2, '0')}` }));
    }
    for (const member of members) {
      const enrolled = await t.request('POST', `/api/modules/${module.slug}/enrolments`, {
        token: member.token,
        body: {},
      });
      expect(enrolled.status).toBe(201);
    }
    await t.db.pool.query(
      `UPDATE progress.enrolments SET last_activity_at = now() - interval '20 days' WHERE module_id = $1`,
      [module.id],
    );
    // The first member of the second batch (in the run's order, by name): its key is held, uncommitted.
    const held = members[BATCH]!;
    const {
      rows: [spell],
    } = await t.db.pool.query(
      `SELECT (extract(epoch FROM last_activity_at) * 1000000)::bigint::text AS occasion
         FROM progress.enrolments WHERE member_id = $1`,
      [held.user.id],
    );
    blocker = await t.db.pool.connect();
    await blocker.query('BEGIN');
    await blocker.query(
      `INSERT INTO messages.messages (id, kind, dedupe_key, to_address, locale, subject, text_body)
       VALUES (gen_random_uuid(), 'reminder', $1, 'held@example.org', 'en', 'held', 'held')`,
      [`rule-${module.id}-idle-${spell.occasion}-${held.user.id}`],
    );

    worker = await startWorker();
    const put = await t.request('PUT', `/api/modules/${module.slug}/reminder-rules`, {
      token: staff.token,
      body: [
        {
          key: 'idle',
          kind: 'inactive',
          days: 14,
          subject: { en: 'Still there, {{name}}?', fr: 'Toujours là, {{name}} ?' },
          body: { en: 'Carry on: {{link}}', fr: 'Continuez : {{link}}' },
          enabled: true,
        },
      ],
    });
    expect(put.status).toBe(200);

    const count = async () =>
      (
        await t.db.pool.query(
          `SELECT count(*)::int AS n FROM messages.messages WHERE module_slug = $1 AND kind = 'reminder'`,
          [module.slug],
        )
      ).rows[0].n as number;
    // The first batch committed, the second waits on the held key: the run is in the middle.
    await eventually(async () => {
      const { rows } = await t.db.pool.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return (await count()) === BATCH && rows[0].n > 0 ? true : undefined;
    }, 'a run blocked between its batches');
    worker.child.kill('SIGKILL');
    expect(await worker.exited).toBe('SIGKILL');
    await blocker.query('ROLLBACK');
    blocker.release();
    blocker = undefined;
    expect(await count()).toBe(BATCH);

    worker = await startWorker();
    await eventually(async () => ((await count()) === MEMBERS ? true : undefined), 'every reminder written');
    const reminded = (email: string) => catcher.to(email).filter((m) => /^Still there/.test(m.subject ?? ''));
    await eventually(
      async () => (members.every((m) => reminded(m.user.email).length > 0) ? true : undefined),
      'every reminder delivered',
    );
    const perMember = async () =>
      (
        await t.db.pool.query<{ user_id: string; n: number; sent: boolean }>(
          `SELECT user_id, count(*)::int AS n, bool_and(status = 'sent') AS sent
             FROM messages.messages WHERE module_slug = $1 AND kind = 'reminder' GROUP BY user_id`,
          [module.slug],
        )
      ).rows;
    // A message the killed worker handed to SMTP but never marked sent is marked when its job, found
    // stalled once its lock lapses (lockDuration 30 s), runs again: every row ends up sent.
    await eventually(
      async () => ((await perMember()).filter((row) => row.sent).length === MEMBERS ? true : undefined),
      'every reminder marked sent',
      120_000,
    );
    // Later runs of the scheduler find the same members in the same spell: nothing more.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rows = await perMember();
    expect(rows).toHaveLength(MEMBERS);
    expect(rows.filter((row) => row.n !== 1 || !row.sent)).toEqual([]);
    // A worker killed after the SMTP server took a message and before it was marked sent may hand it
    // over again, under the same Message-ID: what the receiver sees is one message per member.
    for (const member of members) {
      expect(new Set(reminded(member.user.email).map((m) => m.messageId)).size).toBe(1);
    }
  });
});
