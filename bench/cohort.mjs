// b. A cohort finishing together: N members complete a module's last lesson at 50 connections; the
// outbox relay hands the completions to BullMQ and 1, then 2, certificate-worker processes issue the
// certificates. Measured against raw PDF rendering of the same certificate in a loop, in this process.
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import {
  cpuMs,
  eventually,
  fmt,
  freePort,
  postgresCpuMs,
  publishModule,
  redisPid,
  row,
  ROOT,
  sleep,
  startApp,
  token,
  waitForHealth,
} from './lib/harness.mjs';
import { enrolmentId, lessonModule, memberId, seedEnrolments, seedMembers } from './lib/seed.mjs';

const require = createRequire(import.meta.url);

/** Raw pdfkit + QR rendering of one certificate, `count` times with `inFlight` at once (the worker's concurrency). */
export async function rawRenderMs(count, inFlight = 10) {
  const { CertificatePdfRenderer } = require(`${ROOT}/dist/libs/certificate/src/rendering/certificate-pdf.renderer.js`);
  const { configSchema } = require(`${ROOT}/dist/libs/config/src/config.schema.js`);
  // The configuration a worker gets with no variables set: the same issuer, signatory and program texts.
  const renderer = new CertificatePdfRenderer(configSchema.parse({}));
  const certificate = {
    serial: 'GL-2026-7K3Q-9XPM',
    holderName: 'Ōkawa, Émilie 7',
    moduleTitle: 'bench-cohort',
    moduleVersion: 1,
    trackTitle: null,
    cpdHours: 1.5,
    completionDate: '2026-11-23',
    issuedAt: new Date('2026-11-23T12:00:00Z'),
    locale: 'en',
  };
  for (let i = 0; i < 20; i++) await renderer.render(certificate);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < count) await renderer.render(certificate);
    }),
  );
  return (performance.now() - started) / count;
}

async function cohort({ base, pool, staff, env, n, processes, slug, platformPid }) {
  const module = await publishModule(base, staff, lessonModule(slug, { lessons: 2, title: `Cohort of ${n}` }), pool);
  const group = slug;
  await seedMembers(pool, group, n);
  await seedEnrolments(pool, { module, group, to: n, done: '1' });
  await pool.query('ANALYZE progress.enrolments');
  const last = module.items[1].id;
  const tokens = Array.from({ length: n }, (_, i) => token(memberId(group, i + 1)));

  const workers = [];
  for (let p = 0; p < processes; p++) {
    const port = await freePort();
    // As an operator sizing one machine would: the worker processes share its cores between their artifact threads.
    const threads = process.env.CERT_THREADS ?? String(Math.max(1, Math.floor(cpus().length / processes)));
    const worker = startApp('certificate-worker', { ...env, WORKER_HEALTH_PORT: String(port), CERT_THREADS: threads });
    workers.push(worker);
    await waitForHealth(`http://127.0.0.1:${port}`, worker);
  }
  // CPU of everything that takes part, from the first completion to the last certificate.
  const redis = redisPid();
  const cpu = async () => ({
    workers: workers.reduce((t, w) => t + cpuMs(w.pid), 0),
    platform: cpuMs(platformPid),
    database: postgresCpuMs(),
    redis: redis ? cpuMs(redis) : null,
  });
  try {
    await pool.query('CHECKPOINT').catch(() => {}); // each cohort starts right after one (see writes.mjs)
    const cpuBefore = await cpu();
    let k = 0;
    const started = Date.now();
    const burst = await autocannon({
      url: base,
      connections: 50,
      amount: n,
      sampleInt: 10, // autocannon ends an `amount` run at its next sample tick: keep that close to the last answer
      timeout: 30,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const i = k++;
            request.path = `/api/enrolments/${enrolmentId(slug, group, i + 1)}/items/${last}/complete`;
            request.headers = { ...request.headers, authorization: `Bearer ${tokens[i]}` };
            return request;
          },
        },
      ],
    });
    const lastCompletion = Date.now();
    // A cheap count while waiting (the poll's own PostgreSQL work is counted in the CPU per certificate), the
    // first and last certificate's time once at the end: they come from created_at, not from when the poll looked.
    const count = async () =>
      (await pool.query(`SELECT count(*)::int AS issued FROM certificate.certificates WHERE module_slug = $1`, [slug]))
        .rows[0].issued;
    await eventually(
      async () => ((await count()) >= n ? true : undefined),
      `${n} certificates for ${slug}`,
      Math.max(120_000, n * 60),
      250,
    ).catch(async (error) => {
      throw new Error(`${error.message} (only ${await count()} issued)`);
    });
    const {
      rows: [done],
    } = await pool.query(
      `SELECT extract(epoch FROM min(created_at)) * 1000 AS first, extract(epoch FROM max(created_at)) * 1000 AS last
         FROM certificate.certificates WHERE module_slug = $1`,
      [slug],
    );
    const cpuAfter = await cpu();
    await sleep(1000); // anything issued twice would show up now
    const { rows: check } = await pool.query(
      `SELECT (SELECT count(*)::int FROM certificate.certificates WHERE module_slug = $1) AS certificates,
              (SELECT count(DISTINCT enrolment_id)::int FROM certificate.certificates WHERE module_slug = $1) AS enrolments,
              (SELECT count(*)::int FROM progress.enrolments WHERE module_slug = $1 AND status = 'completed') AS completed,
              (SELECT count(*)::int FROM progress.outbox WHERE payload->>'moduleSlug' = $1) AS outbox`,
      [slug],
    );
    return {
      n,
      processes,
      completions: burst['2xx'],
      failedCompletions: burst.non2xx + burst.errors + burst.timeouts,
      burstSeconds: (lastCompletion - started) / 1000,
      totalSeconds: (Number(done.last) - started) / 1000,
      afterLastSeconds: (Number(done.last) - lastCompletion) / 1000,
      issueSeconds: (Number(done.last) - Number(done.first)) / 1000,
      // ms of CPU per certificate, by process (null where /proc does not show it)
      cpuPerCertificate: Object.fromEntries(
        Object.keys(cpuBefore).map((key) => [
          key,
          cpuBefore[key] === null || cpuAfter[key] === null ? null : (cpuAfter[key] - cpuBefore[key]) / n,
        ]),
      ),
      ...check[0],
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

export async function benchCohort({ base, pool, staff, env, quick, notes, platformPid }) {
  const n = quick ? 400 : 10_000;
  const rawMs = await rawRenderMs(quick ? 200 : 1000);
  const rawRate = 1000 / rawMs;
  const one = await cohort({ base, pool, staff, env, n, processes: 1, slug: 'bench-cohort-1', platformPid });
  const two = await cohort({ base, pool, staff, env, n, processes: 2, slug: 'bench-cohort-2', platformPid });
  const rows = [
    row(
      'b. raw PDF render (pdfkit + QR, 10 in flight)',
      `${fmt.ms(rawMs)} each, ${fmt.rate(rawRate)}`,
      'baseline',
      null,
    ),
  ];
  for (const run of [one, two]) {
    const perProcess = run.n / run.issueSeconds / run.processes;
    const budget = (1.25 * run.n * rawMs) / 1000 / run.processes;
    const label = `b. ${run.n} completions, ${run.processes} worker process${run.processes > 1 ? 'es' : ''}`;
    rows.push(
      row(
        `${label}: completion burst`,
        `${fmt.s(run.burstSeconds)} (${run.failedCompletions} failed)`,
        'no failures',
        run.failedCompletions === 0,
      ),
      row(`${label}: last completion → last certificate`, fmt.s(run.afterLastSeconds), '—', null),
      row(
        `${label}: CPU per certificate, first completion → last certificate`,
        cpuSummary(run.cpuPerCertificate),
        '—',
        null,
      ),
      row(
        `${label}: certificates/s per process`,
        `${fmt.rate(perProcess)} (${fmt.pct(perProcess / rawRate)} of raw)`,
        '≥ 85% of raw',
        perProcess >= 0.85 * rawRate,
      ),
      row(
        `${label}: first completion → last certificate`,
        fmt.s(run.totalSeconds),
        `≤ ${fmt.s(budget)} (1.25 × N × raw ÷ P)`,
        run.totalSeconds <= budget,
      ),
      row(
        `${label}: certificates, each exactly once`,
        `${run.certificates} for ${run.enrolments} enrolments (${run.completed} completed, ${run.outbox} outbox rows)`,
        `${run.n}, ${run.n}`,
        run.certificates === run.n && run.enrolments === run.n && run.completed === run.n && run.outbox === run.n,
      ),
    );
  }
  const speedup = one.issueSeconds / two.issueSeconds;
  rows.push(row('b. 2 worker processes ÷ 1', fmt.ratio(speedup), '≥ 1.70×', speedup >= 1.7));
  notes.push(
    "b. CPU per certificate is each process's user + system time (every thread) over the cohort ÷ N: the worker processes, " +
      'the platform (the completion requests, the outbox relay, the serial recorded on the enrolment), the local ' +
      'PostgreSQL cluster (backends, WAL writer, checkpointer, autovacuum) and redis-server. Their sum bounds what the machine can issue: cores × 1000 ÷ sum certificates/s.',
  );
  notes.push(
    'b. The completion burst runs while the workers issue, on the same 2 cores as PostgreSQL, Redis and the platform; ' +
      '"certificates/s per process" is N ÷ (first to last certificate created_at) ÷ processes.',
  );
  return rows;
}

function cpuSummary({ workers, platform, database, redis }) {
  const parts = [
    ['worker', workers],
    ['platform', platform],
    ['PostgreSQL', database],
    ['Redis', redis],
  ].filter(([, ms]) => ms !== null);
  const total = parts.reduce((t, [, ms]) => t + ms, 0);
  const ceiling = (cpus().length * 1000) / total;
  return `${parts.map(([name, ms]) => `${name} ${fmt.ms(ms)}`).join(', ')}: ${fmt.ms(total)} in all (the ${cpus().length} cores' ceiling ${fmt.rate(ceiling)})`;
}
