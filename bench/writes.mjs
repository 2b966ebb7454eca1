// a. Progress writes: lesson completion and quiz submission at 50 connections, the platform against
// the bare baseline (bench/baseline-server.mjs) in the same run, each on its own seeded members.
import autocannon from 'autocannon';
import {
  cpuMs,
  fmt,
  freePort,
  postgresCpuMs,
  JWT_SECRET,
  publishModule,
  row,
  ROOT,
  startScript,
  token,
  waitForHealth,
} from './lib/harness.mjs';
import { enrolmentId, lessonModule, memberId, seedEnrolments, seedMembers } from './lib/seed.mjs';

const CONNECTIONS = 50;
const ROUNDS = 4;

/** Fires `amount` requests at the server process `pid`; request n is made by `make(n)` → {path, bearer, body?}. */
async function load(base, pid, amount, make) {
  let n = 0;
  const cpuBefore = cpuMs(pid);
  const databaseBefore = postgresCpuMs();
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    amount,
    // autocannon notices the end of an `amount` run only at its next sample tick (1 s by default), so the
    // duration it reports, and every rate computed from it, was rounded up to whole seconds; tick often.
    sampleInt: 10,
    timeout: 20,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const next = make(n++);
          request.path = next.path;
          request.headers = {
            ...request.headers,
            authorization: `Bearer ${next.bearer}`,
            ...(next.body ? { 'content-type': 'application/json' } : {}),
          };
          request.body = next.body ? JSON.stringify(next.body) : undefined;
          return request;
        },
      },
    ],
  });
  const ok = result['2xx'];
  const databaseAfter = postgresCpuMs();
  return {
    ok,
    seconds: result.duration,
    cpu: cpuMs(pid) - cpuBefore,
    databaseCpu: databaseBefore === null || databaseAfter === null ? null : databaseAfter - databaseBefore,
    rps: ok / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
}

export async function benchWrites({ base, pool, databaseUrl, staff, quick, notes, platformPid }) {
  const members = quick ? 1000 : 5000; // per target and per side: every lesson request is a first completion
  const lessonRequests = quick ? 6000 : 16000;
  const quizRequests = quick ? 4800 : 12000;
  const document = lessonModule('bench-writes', { lessons: 10, quiz: true });
  const module = await publishModule(base, staff, document, pool);
  const lessons = module.items.filter((item) => item.kind === 'lesson');
  const quiz = module.items.find((item) => item.kind === 'quiz');
  const question = quiz.questions[0];
  const wrong = question.options[1].id;

  const groups = ['wp', 'wb', 'wwarm'];
  for (const group of groups) {
    await seedMembers(pool, group, members);
    await seedEnrolments(pool, { module, group, to: members });
  }
  await pool.query('ANALYZE');

  const port = await freePort();
  const baselineUrl = `http://127.0.0.1:${port}`;
  const baseline = startScript(`${ROOT}/bench/baseline-server.mjs`, {
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    PGAPPNAME: 'baseline', // its backends are told apart from the platform's ('greenlight') in pg_stat_activity
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20', // the platform's own default, or what it inherits
    MODULE: JSON.stringify({
      units: module.units.map((u) => ({
        id: u.id,
        key: u.key,
        items: u.items.map((i) => ({ id: i.id, key: i.key, kind: i.kind })),
      })),
      quiz: { questionId: question.id, rightOptionId: question.options[0].id },
    }),
  });
  try {
    await waitForHealth(baselineUrl, baseline);
    const tokens = Object.fromEntries(
      groups.map((g) => [g, Array.from({ length: members }, (_, i) => token(memberId(g, i + 1)))]),
    );
    // Lesson j of member i, member-major within a lesson, so neighbouring requests never share an enrolment lock.
    const lesson = (group) => (n) => {
      const i = n % members;
      const j = Math.floor(n / members) % lessons.length;
      return {
        path: `/api/enrolments/${enrolmentId('bench-writes', group, i + 1)}/items/${lessons[j].id}/complete`,
        bearer: tokens[group][i],
      };
    };
    const attempt = (group) => (n) => {
      const i = n % members;
      return {
        path: `/api/enrolments/${enrolmentId('bench-writes', group, i + 1)}/quizzes/${quiz.id}/attempts`,
        bearer: tokens[group][i],
        body: { answers: { [question.id]: wrong } },
      };
    };
    const appServer = { url: base, pid: platformPid };
    const bareServer = { url: baselineUrl, pid: baseline.pid };
    // Warm both up (JIT, pools, the catalog cache) on members neither measurement uses.
    await load(appServer.url, appServer.pid, 600, lesson('wwarm'));
    await load(bareServer.url, bareServer.pid, 600, (n) => lesson('wwarm')(n + 2 * members));
    await load(appServer.url, appServer.pid, 300, attempt('wwarm'));
    await load(bareServer.url, bareServer.pid, 300, attempt('wwarm'));

    // Other work on the machine comes and goes: alternate the two sides in ROUNDS short rounds
    // (baseline, platform, platform, baseline, …) and pool them.
    const results = {};
    for (const [name, make, amount] of [
      ['lesson', lesson, lessonRequests],
      ['quiz', attempt, quizRequests],
    ]) {
      const per = Math.floor(amount / ROUNDS);
      const runs = { platform: [], baseline: [] };
      for (let r = 0; r < ROUNDS; r++) {
        const order = r % 2 ? ['platform', 'baseline'] : ['baseline', 'platform'];
        for (const side of order) {
          const target = side === 'platform' ? appServer : bareServer;
          const group = side === 'platform' ? 'wp' : 'wb';
          // Every round starts right after a vacuum and a checkpoint: autovacuum (woken by the rounds before)
          // and the first change to each page after a checkpoint (which writes the whole page to the WAL) would
          // otherwise fall inside one side's round and make it pay for both.
          await pool.query('VACUUM progress.enrolments, progress.item_completions, progress.quiz_attempts');
          await pool.query('CHECKPOINT').catch(() => {}); // needs a superuser or pg_checkpoint; skipped without
          runs[side].push(await load(target.url, target.pid, per, (n) => make(group)(n + r * per)));
        }
      }
      const pooled = (list) => ({
        rps: list.reduce((t, x) => t + x.ok, 0) / list.reduce((t, x) => t + x.seconds, 0),
        p50: list.map((x) => x.p50).sort((a, b) => a - b)[Math.floor(list.length / 2)],
        p99: Math.max(...list.map((x) => x.p99)),
        cpuPerRequest: list.reduce((t, x) => t + x.cpu, 0) / list.reduce((t, x) => t + x.ok, 0),
        databaseCpuPerRequest: list.some((x) => x.databaseCpu === null)
          ? null
          : list.reduce((t, x) => t + x.databaseCpu, 0) / list.reduce((t, x) => t + x.ok, 0),
        bad: list.reduce((t, x) => t + x.bad, 0),
        statuses: Object.assign({}, ...list.map((x) => x.statuses)),
      });
      results[name] = { platform: pooled(runs.platform), baseline: pooled(runs.baseline) };
    }
    const rows = [];
    for (const [name, label] of [
      ['lesson', 'lesson completion'],
      ['quiz', 'quiz submission (a failing attempt)'],
    ]) {
      const { platform, baseline: bare } = results[name];
      const ratio = platform.rps / bare.rps;
      rows.push(
        row(
          `a. ${label}: bare fastify + pg`,
          `${fmt.rate(bare.rps)}, p50 ${fmt.ms(bare.p50)}, p99 ${fmt.ms(bare.p99)}`,
          'baseline',
          null,
        ),
        row(`a. ${label}: platform`, `${fmt.rate(platform.rps)}, p50 ${fmt.ms(platform.p50)}`, '—', null),
        row(`a. ${label}: platform ÷ baseline`, fmt.pct(ratio), '≥ 70%', ratio >= 0.7),
        row(`a. ${label}: platform p99`, fmt.ms(platform.p99), '< 100 ms', platform.p99 < 100),
        // Little's law: with 50 requests always in flight, the mean latency is 50 ÷ throughput, and p99 is above the mean.
        row(
          `a. ${label}: mean latency floor at this rate, ${CONNECTIONS} ÷ requests/s (platform / baseline)`,
          `${fmt.ms((1000 * CONNECTIONS) / platform.rps)} / ${fmt.ms((1000 * CONNECTIONS) / bare.rps)}`,
          '—',
          null,
        ),
        row(
          `a. ${label}: server CPU per request (platform / baseline)`,
          `${fmt.ms(platform.cpuPerRequest)} / ${fmt.ms(bare.cpuPerRequest)} (${fmt.ratio(platform.cpuPerRequest / bare.cpuPerRequest)})`,
          '—',
          null,
        ),
        row(
          `a. ${label}: PostgreSQL CPU per request, the whole local cluster (platform / baseline)`,
          platform.databaseCpuPerRequest === null || bare.databaseCpuPerRequest === null
            ? 'not visible from here'
            : `${fmt.ms(platform.databaseCpuPerRequest)} / ${fmt.ms(bare.databaseCpuPerRequest)}`,
          '—',
          null,
        ),
        row(
          `a. ${label}: non-2xx answers (platform / baseline)`,
          `${platform.bad} / ${bare.bad}`,
          '0',
          platform.bad === 0 && bare.bad === 0,
        ),
      );
      if (platform.bad || bare.bad)
        notes.push(
          `${label}: status counts platform ${JSON.stringify(platform.statuses)}, baseline ${JSON.stringify(bare.statuses)}`,
        );
    }
    notes.push(
      `a. ${members} seeded members per side; ${lessonRequests} lesson requests and ${quizRequests} quiz requests per side, ` +
        `the sides alternate in ${ROUNDS} rounds each (baseline, platform, platform, baseline, …), each round right after a VACUUM of the progress tables and a CHECKPOINT, rates pooled, p50 the median round, p99 the worst round; CPU per request is the server process's user + system time from /proc; every lesson request is a first completion of that lesson.`,
    );
    return rows;
  } finally {
    await baseline.stop();
  }
}
