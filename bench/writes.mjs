// a. Progress writes: lesson completion and quiz submission at 50 connections, the platform against
// the bare baseline (bench/baseline-server.mjs) in the same run, each on its own seeded members.
import autocannon from 'autocannon';
import {
  fmt,
  freePort,
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

/** Fires `amount` requests; request n is made by `make(n)` → {path, bearer, body?}. */
async function load(base, amount, make) {
  let n = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    amount,
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
  return {
    rps: ok / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    bad: result.non2xx + result.errors + result.timeouts,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
}

export async function benchWrites({ base, pool, databaseUrl, staff, quick, notes }) {
  const members = quick ? 1000 : 5000; // per target and per side: every lesson request is a first completion
  const lessonRequests = quick ? 4000 : 30000;
  const quizRequests = quick ? 3000 : 20000;
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
    DATABASE_POOL_SIZE: '20',
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
    // Warm both up (JIT, pools, the catalog cache) on members neither measurement uses.
    await load(base, 600, lesson('wwarm'));
    await load(baselineUrl, 600, (n) => lesson('wwarm')(n + 2 * members));
    await load(base, 300, attempt('wwarm'));
    await load(baselineUrl, 300, attempt('wwarm'));

    const results = {};
    for (const [name, make, amount] of [
      ['lesson', lesson, lessonRequests],
      ['quiz', attempt, quizRequests],
    ]) {
      // Baseline first, then the platform, on separate members; repeated once more in the other order.
      const b1 = await load(baselineUrl, amount / 2, make('wb'));
      const p1 = await load(base, amount / 2, make('wp'));
      const p2 = await load(base, amount / 2, (n) => make('wp')(n + amount / 2));
      const b2 = await load(baselineUrl, amount / 2, (n) => make('wb')(n + amount / 2));
      const avg = (a, b) => ({
        rps: (a.rps + b.rps) / 2,
        p50: (a.p50 + b.p50) / 2,
        p99: Math.max(a.p99, b.p99),
        bad: a.bad + b.bad,
        statuses: { ...a.statuses, ...b.statuses },
      });
      results[name] = { platform: avg(p1, p2), baseline: avg(b1, b2) };
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
        `each side measured twice (baseline, platform, platform, baseline) and averaged; every lesson request is a first completion of that lesson.`,
    );
    return rows;
  } finally {
    await baseline.stop();
  }
}
