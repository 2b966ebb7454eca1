import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { freePort, SpareRedis } from '@greenlight/testing';
import { buildOnce, eventually, RunningApp, startApp, waitForHealth } from '../support/processes';
import { PrivatePostgres } from './private-postgres';

/**
 * Fault drills (issue 7): the built platform (without its in-process worker) and a certificate-worker
 * process, on a PostgreSQL cluster and a redis-server of the drill's own, so stopping them disturbs no
 * one else. Each drill takes a dependency away during a burst of module completions, brings it back
 * without touching the apps, and ends with a verdict: every completed enrolment has exactly one
 * certificate, nothing answered 500 while the dependency was down (503 is the honest answer), and
 * everything recovered by itself.
 */
const JWT_SECRET = 'a-secret-for-the-fault-drills-only-0123456789';

const b64url = (value: string) => Buffer.from(value).toString('base64url');
/** A token like the auth service's: `sub` and `sid`, the session being a row of auth.sessions (the role is the user's). */
function mint(sub: string, sid: string): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ sub, sid, iat: now, exp: now + 3600 }));
  return `${head}.${body}.${createHmac('sha256', JWT_SECRET).update(`${head}.${body}`).digest('base64url')}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Member {
  enrolmentId: string;
  token: string;
}
interface Cohort {
  slug: string;
  lastLessonId: string;
  members: Member[];
}

/** Status codes seen, by what was asked; a thrown fetch (connection refused, timeout) counts as "network". */
class Tally {
  readonly seen = new Map<string, number>();
  add(what: string, status: number | 'network') {
    const key = `${what} ${status}`;
    this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
  }
  count(predicate: (key: string) => boolean) {
    return [...this.seen].filter(([key]) => predicate(key)).reduce((sum, [, n]) => sum + n, 0);
  }
  get serverErrors() {
    return this.count((key) => / 5\d\d$/.test(key) && !/ 503$/.test(key));
  }
  toString() {
    return JSON.stringify(Object.fromEntries([...this.seen].sort()));
  }
}

describe('fault drills', () => {
  let postgres: PrivatePostgres;
  let redis: SpareRedis;
  let pool: Pool;
  let dir: string;
  let base: string;
  let platform: RunningApp;
  let worker: RunningApp;
  let staff: string;
  let env: Record<string, string>;

  // Three jobs at a time keeps a burst in flight long enough to be interrupted, even on a fast machine.
  async function startWorker(): Promise<RunningApp> {
    const port = await freePort();
    const app = startApp('certificate-worker', { ...env, WORKER_HEALTH_PORT: String(port), WORKER_CONCURRENCY: '3' });
    await waitForHealth(`http://127.0.0.1:${port}`, app);
    return app;
  }

  beforeAll(async () => {
    buildOnce();
    [postgres, redis] = await Promise.all([PrivatePostgres.start(), SpareRedis.start()]);
    dir = mkdtempSync(join(tmpdir(), 'gl-drills-'));
    env = {
      DATABASE_URL: postgres.url(),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `gldrill-${process.pid}`,
      JWT_SECRET,
      DATA_DIR: dir,
      CERT_STORAGE_DIR: join(dir, 'certificates'),
      IMPORT_CONTENT_DIR: 'none',
      AUTH_RATE_LIMIT: '10000',
      VERIFY_RATE_LIMIT: '10000',
      OUTBOX_POLL_MS: '500',
      OUTBOX_BACKOFF_MAX_MS: '2000',
    };
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    platform = startApp('platform', { ...env, PORT: String(port), RUN_WORKER: 'false' });
    await waitForHealth(base, platform);
    worker = await startWorker();
    pool = new Pool({ connectionString: postgres.url(), max: 3 });
    pool.on('error', () => undefined); // idle connections die when the drill stops PostgreSQL
    const { rows } = await pool.query(
      `WITH admin AS (
         INSERT INTO auth.users (email, password_hash, name, role)
         VALUES ('drill-admin@drill.example', '!', 'Drill Admin', 'admin') RETURNING id)
       INSERT INTO auth.sessions (user_id, expires_at) SELECT id, now() + interval '1 day' FROM admin
       RETURNING id AS sid, user_id AS id`,
    );
    staff = mint(rows[0].id, rows[0].sid);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([platform?.stop(), worker?.stop()]);
    await pool?.end();
    await redis?.stop();
    await postgres?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function call(method: string, path: string, token: string, body?: unknown): Promise<number | 'network'> {
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 'network';
    }
  }

  /** A published two-lesson module and `n` members who have done the first lesson, seeded in SQL. */
  async function cohort(slug: string, n: number): Promise<Cohort> {
    const document = {
      slug,
      title: { en: slug, fr: slug },
      summary: 'A module for a fault drill.',
      certificate: { enabled: true, cpdHours: 1 },
      units: [
        {
          key: 'u1',
          title: 'Unit',
          items: [
            { key: 'one', kind: 'lesson', title: 'One', body: 'First.' },
            { key: 'two', kind: 'lesson', title: 'Two', body: 'Second.' },
          ],
        },
      ],
    };
    expect(await call('POST', '/api/modules', staff, document)).toBe(201);
    expect(await call('POST', `/api/modules/${slug}/publish`, staff)).toBe(201);
    const published = await (await fetch(`${base}/api/modules/${slug}`)).json();
    const [first, last] = published.units[0].items as { id: string }[];
    const { rows: module } = await pool.query(`SELECT id FROM course.modules WHERE slug = $1`, [slug]);
    const { rows } = await pool.query(
      `WITH member AS (
         INSERT INTO auth.users (email, password_hash, name)
         SELECT $1 || '-' || i || '@drill.example', '!', 'Drill Member ' || i FROM generate_series(1, $2::int) AS i
         RETURNING id)
       INSERT INTO progress.enrolments (member_id, module_id, module_slug, version, total_items, completed_items)
       SELECT id, $3, $1, 1, 2, 1 FROM member RETURNING id, member_id`,
      [slug, n, module[0].id],
    );
    const { rows: sessions } = await pool.query(
      `INSERT INTO auth.sessions (user_id, expires_at) SELECT unnest($1::uuid[]), now() + interval '1 day'
       RETURNING id, user_id`,
      [rows.map((row: { member_id: string }) => row.member_id)],
    );
    const sessionOf = new Map(sessions.map((row: { id: string; user_id: string }) => [row.user_id, row.id]));
    await pool.query(
      `INSERT INTO progress.item_completions (enrolment_id, item_id, source) SELECT id, $2, 'self' FROM progress.enrolments WHERE module_id = $1`,
      [module[0].id, first.id],
    );
    return {
      slug,
      lastLessonId: last.id,
      members: rows.map((row: { id: string; member_id: string }) => ({
        enrolmentId: row.id,
        token: mint(row.member_id, sessionOf.get(row.member_id)!),
      })),
    };
  }

  const completeLast = (c: Cohort, m: Member) =>
    call('POST', `/api/enrolments/${m.enrolmentId}/items/${c.lastLessonId}/complete`, m.token);

  /** Completes every member's last lesson, `width` at a time, retrying a 503 or a refused connection as a client would. */
  async function completeAll(c: Cohort, tally: Tally, width = 10, paceMs = 0) {
    let next = 0;
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next < c.members.length) {
          const member = c.members[next++];
          for (let attempt = 0; ; attempt++) {
            const status = await completeLast(c, member);
            tally.add('complete', status);
            if (status === 200) break;
            if ((status !== 503 && status !== 'network') || attempt > 200)
              throw new Error(`completion answered ${status}`);
            await sleep(500);
          }
          if (paceMs) await sleep(paceMs);
        }
      }),
    );
  }

  /** Polls health and a read route until stopped, so the drill sees what clients saw while a dependency was down. */
  function watch(tally: Tally, member: Member) {
    let running = true;
    const loop = (async () => {
      while (running) {
        tally.add('health', await call('GET', '/api/health', staff));
        tally.add('my certificates', await call('GET', '/api/me/certificates', member.token));
        await sleep(300);
      }
    })();
    return async () => {
      running = false;
      await loop;
    };
  }

  async function issued(slug: string) {
    const { rows } = await pool.query(
      `SELECT (SELECT count(*)::int FROM certificate.certificates WHERE module_slug = $1) AS certificates,
              (SELECT count(DISTINCT enrolment_id)::int FROM certificate.certificates WHERE module_slug = $1) AS enrolments,
              (SELECT count(*)::int FROM progress.enrolments WHERE module_slug = $1 AND status = 'completed') AS completed`,
      [slug],
    );
    return rows[0] as { certificates: number; enrolments: number; completed: number };
  }

  /** Waits for every completed enrolment's certificate, then checks none was issued twice. */
  async function everyCertificateOnce(c: Cohort, timeoutMs: number) {
    await eventually(
      async () => ((await issued(c.slug)).certificates >= c.members.length ? true : undefined),
      `${c.members.length} certificates for ${c.slug}`,
      timeoutMs,
    );
    await sleep(2000); // a duplicate would appear now
    return issued(c.slug);
  }

  function verdict(name: string, pass: boolean, details: string) {
    console.log(`DRILL ${name}: ${pass ? 'PASS' : 'FAIL'} — ${details}`);
  }

  /**
   * After an outage: every one of the cohort's 60 certificates exactly once, health back to 200, no
   * 5xx but 503 at any time, and at least one answer while the dependency was down said 503.
   */
  async function expectRecovered(
    name: string,
    c: Cohort,
    answers: { tally: Tally; during: Tally; stopWatching: () => Promise<void> },
    unavailable: (key: string) => boolean,
  ) {
    const { tally, during } = answers;
    const final = await everyCertificateOnce(c, 90_000);
    await eventually(
      async () => ((await call('GET', '/api/health', staff)) === 200 ? true : undefined),
      'health back to 200',
    );
    await answers.stopWatching();
    const unavailableAnswers = during.count(unavailable);
    const pass =
      final.certificates === 60 &&
      final.enrolments === 60 &&
      final.completed === 60 &&
      tally.serverErrors === 0 &&
      during.serverErrors === 0 &&
      unavailableAnswers > 0;
    verdict(
      name,
      pass,
      `while down: ${during}; overall: ${tally}; ${final.certificates} certificates for ${final.enrolments} enrolments, ${final.completed} completed`,
    );
    expect(during.serverErrors + tally.serverErrors).toBe(0);
    expect(unavailableAnswers).toBeGreaterThan(0);
    expect(final).toEqual({ certificates: 60, enrolments: 60, completed: 60 });
  }

  it('kill -9 of the certificate worker mid-burst: the restarted worker finishes, every certificate exactly once', async () => {
    const c = await cohort('drill-kill-worker', 150);
    const tally = new Tally();
    const burst = completeAll(c, tally);
    await eventually(
      async () => ((await issued(c.slug)).certificates >= 5 ? true : undefined),
      'the first certificates',
      60_000,
    );
    worker.child.kill('SIGKILL');
    expect(await worker.exited).toBe('SIGKILL');
    const atKill = (await issued(c.slug)).certificates;
    await burst;
    worker = await startWorker();
    const started = Date.now();
    const final = await everyCertificateOnce(c, 110_000);
    const pass =
      atKill < c.members.length &&
      final.completed === c.members.length &&
      final.certificates === c.members.length &&
      final.enrolments === c.members.length &&
      tally.serverErrors === 0;
    verdict(
      'kill -9 worker',
      pass,
      `${atKill} of ${c.members.length} issued at the kill; the restarted worker finished in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(stalled jobs wait out the 30 s lock); ${final.certificates} certificates for ${final.enrolments} enrolments, ${final.completed} completed; answers ${tally}`,
    );
    expect(atKill).toBeLessThan(c.members.length);
    expect(final).toEqual({ certificates: 150, enrolments: 150, completed: 150 });
    expect(tally.serverErrors).toBe(0);
  }, 180_000);

  it('Redis stopped for 30 s during completions: 503 from health (never 500), completions kept, certificates after', async () => {
    const c = await cohort('drill-redis-down', 60);
    const tally = new Tally();
    const during = new Tally();
    const stopWatching = watch(tally, c.members[0]);
    await sleep(1000);
    await redis.stop();
    const stopWatchingDown = watch(during, c.members[0]);
    // Completions trickle in over the 30 s outage: they only need PostgreSQL (the outbox keeps the event).
    const burst = completeAll(c, tally, 2, 900);
    await sleep(30_000);
    await stopWatchingDown();
    await redis.start();
    await burst;
    await expectRecovered('Redis down 30 s', c, { tally, during, stopWatching }, (key) => key === 'health 503');
  }, 180_000);

  it('PostgreSQL restarted during load: 503 while it is down (never 500), clients retry, everything recovers', async () => {
    const c = await cohort('drill-postgres-restart', 60);
    const tally = new Tally();
    const during = new Tally();
    const stopWatching = watch(tally, c.members[0]);
    const burst = completeAll(c, tally, 4, 300);
    await sleep(2000);
    await postgres.stopServer();
    const stopWatchingDown = watch(during, c.members[0]);
    await sleep(6000);
    await stopWatchingDown();
    await postgres.startServer();
    await burst;
    await expectRecovered('PostgreSQL restart', c, { tally, during, stopWatching }, (key) => key.endsWith(' 503'));
  }, 180_000);
});
