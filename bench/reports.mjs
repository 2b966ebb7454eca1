// c. Reports at scale: M members × 10 modules (each member in every module, ≈ 1.2 item completions per
// enrolment), then the staff reports one request at a time (latency, not throughput) and the CSV export.
import { fmt, percentile, publishModule, row, rssMb, sleep } from './lib/harness.mjs';
import { lessonModule, seedEnrolments, seedMembers, seedRenewals } from './lib/seed.mjs';

const MODULES = 10;

/** 8% completed, 22% one to three items in, the rest enrolled but not started. */
const DONE = `CASE WHEN abs(hashtext(i || '-' || $8::int)) % 100 < 8 THEN 1000
                   WHEN abs(hashtext(i || '-' || $8::int)) % 100 < 30 THEN 1 + abs(hashtext(i || '-' || $8::int)) % 3
                   ELSE 0 END`;

async function timed(url, bearer) {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} → ${response.status}`);
  return performance.now() - started;
}

async function latencies(count, make, bearer) {
  for (let i = 0; i < 5; i++) await timed(make(i), bearer);
  const samples = [];
  for (let i = 0; i < count; i++) samples.push(await timed(make(i), bearer));
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export async function benchReports({ base, pool, staff, quick, platformPid, notes }) {
  const members = quick ? 10_000 : 100_000;
  const seedStarted = performance.now();
  await seedMembers(pool, 'r', members);
  const modules = [];
  for (let m = 1; m <= MODULES; m++) {
    const slug = `bench-report-${String(m).padStart(2, '0')}`;
    const module = await publishModule(
      base,
      staff,
      lessonModule(slug, { units: 2, lessons: 5, title: `Report ${m}` }),
      pool,
    );
    await seedEnrolments(pool, { module, group: 'r', to: members, done: DONE, m, certificates: true });
    modules.push(module);
  }
  // A third of the first module's completed members renewed: history rows the lists must leave out.
  const renewals = await seedRenewals(pool, { module: modules[0], group: 'r', to: members, every: 3 });
  await pool.query('VACUUM ANALYZE');
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const { rows: sizes } = await pool.query(
    `SELECT (SELECT count(*)::int FROM progress.enrolments WHERE module_slug LIKE 'bench-report-%') AS enrolments,
            (SELECT count(*)::int FROM progress.item_completions c JOIN progress.enrolments e ON e.id = c.enrolment_id
              WHERE e.module_slug LIKE 'bench-report-%') AS completions`,
  );
  notes.push(
    `c. Seeded ${members.toLocaleString('en')} members, ${sizes[0].enrolments.toLocaleString('en')} enrolments and ` +
      `${sizes[0].completions.toLocaleString('en')} item completions in ${fmt.s(seedSeconds)} with INSERT … SELECT over generate_series ` +
      '(pg-copy-streams, needed for COPY from node, is not installed); latencies are one request at a time after 5 warm-up requests. ' +
      `The first module also holds ${renewals.toLocaleString('en')} renewals (the renewed enrolments stay, not current); ` +
      'last activity is the enrolment day (0–120 days ago) and the current item the first not done.',
  );

  const samples = quick ? 60 : 200;
  const slug = modules[0].slug;
  const pages = Math.ceil(members / 50);
  const overview = await latencies(samples, () => `${base}/api/reports/modules`, staff);
  const summary = await latencies(samples, (i) => `${base}/api/reports/modules/${modules[i % MODULES].slug}`, staff);
  const first = await latencies(samples, () => `${base}/api/reports/modules/${slug}/members?page=1`, staff);
  // A spread of pages from the first to the last, the same for every run of this size.
  const spread = await latencies(
    samples,
    (i) => `${base}/api/reports/modules/${slug}/members?page=${1 + ((i * 7919) % pages)}`,
    staff,
  );
  // The whole list once by cursor, 200 a page: it checks that every member comes exactly once, and its
  // cursors are positions spread evenly from the first page to the last.
  const cursors = [];
  const emails = new Set();
  let walked = 0;
  for (let after = null; ;) {
    const url = `${base}/api/reports/modules/${slug}/members?pageSize=200${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${staff}` } });
    if (response.status !== 200) throw new Error(`${url} → ${response.status}`);
    const body = await response.json();
    walked += body.items.length;
    for (const item of body.items) emails.add(item.email);
    after = body.nextCursor;
    if (!after) break;
    cursors.push(after);
  }
  // The same spread of depths as by number, each page asked for after the cursor that ends the page before.
  const byCursor = await latencies(
    samples,
    (i) =>
      `${base}/api/reports/modules/${slug}/members?after=${encodeURIComponent(cursors[(i * 7919) % cursors.length])}`,
    staff,
  );
  const completed = await latencies(
    samples,
    (i) => `${base}/api/reports/modules/${slug}/members?status=completed&page=${1 + (i % 20)}`,
    staff,
  );
  // Who is stuck (issue 15): inactive for N days, and by the unit reached, pages spread over the first 20.
  const inactive = await latencies(
    samples,
    (i) => `${base}/api/reports/modules/${slug}/members?inactiveDays=${14 + (i % 4) * 7}&page=${1 + (i % 20)}`,
    staff,
  );
  const byUnit = await latencies(
    samples,
    (i) => `${base}/api/reports/modules/${slug}/members?unit=u${1 + (i % 2)}&page=${1 + (i % 20)}`,
    staff,
  );
  const report = await (
    await fetch(`${base}/api/reports/modules/${slug}`, { headers: { authorization: `Bearer ${staff}` } })
  ).json();
  const firstPage = await (
    await fetch(`${base}/api/reports/modules/${slug}/members?inactiveDays=14`, {
      headers: { authorization: `Bearer ${staff}` },
    })
  ).json();
  const stuck = report.units.reduce((sum, unit) => sum + unit.stuck, 0);

  // The export twice in a row: memory must come back to a bounded level, not grow with each export.
  const exportCsv = async () => {
    const before = rssMb(platformPid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(platformPid))), 20);
    const started = performance.now();
    const response = await fetch(`${base}/api/reports/modules/${slug}/members?format=csv`, {
      headers: { authorization: `Bearer ${staff}` },
    });
    let lines = 0;
    let firstByte = 0;
    for await (const chunk of response.body) {
      if (!firstByte) firstByte = performance.now() - started;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const ms = performance.now() - started;
    clearInterval(sampler);
    await sleep(50);
    peak = Math.max(peak, rssMb(platformPid));
    return { before, peak, ms, firstByte, lines, status: response.status };
  };
  const csv = await exportCsv();
  await sleep(1000);
  const again = await exportCsv();
  const rssBefore = csv.before;
  const peak = Math.max(csv.peak, again.peak);
  const rows = [
    row(
      'c. overview (every module), p95',
      `${fmt.ms(overview.p95)} (p50 ${fmt.ms(overview.p50)})`,
      '< 100 ms',
      overview.p95 < 100,
    ),
    row('c. module summary, p95', `${fmt.ms(summary.p95)} (p50 ${fmt.ms(summary.p50)})`, '< 50 ms', summary.p95 < 50),
    row(
      'c. member list, first page, p95',
      `${fmt.ms(first.p95)} (p50 ${fmt.ms(first.p50)})`,
      '< 50 ms',
      first.p95 < 50,
    ),
    row(
      `c. member list, pages 1–${pages} spread by number (OFFSET: deep pages cost more), p95`,
      `${fmt.ms(spread.p95)} (p50 ${fmt.ms(spread.p50)})`,
      'informative',
      null,
    ),
    row(
      `c. member list by cursor (?after=), rows 200–${cursors.length * 200} deep spread, p95`,
      `${fmt.ms(byCursor.p95)} (p50 ${fmt.ms(byCursor.p50)})`,
      '< 50 ms',
      byCursor.p95 < 50,
    ),
    row(
      'c. member list walked by cursor, 200 a page',
      `${walked} rows, ${emails.size} distinct, ${cursors.length + 1} pages`,
      'every member once',
      walked === members && emails.size === members,
    ),
    row(
      'c. member list, status=completed page, p95',
      `${fmt.ms(completed.p95)} (p50 ${fmt.ms(completed.p50)})`,
      '< 50 ms',
      completed.p95 < 50,
    ),
    row(
      'c. member list, inactiveDays=14…35 (who is stuck), p95',
      `${fmt.ms(inactive.p95)} (p50 ${fmt.ms(inactive.p50)}; ${firstPage.total.toLocaleString('en')} inactive 14 days)`,
      '< 50 ms',
      inactive.p95 < 50,
    ),
    row(
      'c. member list, unit=<key> (unit reached), p95',
      `${fmt.ms(byUnit.p95)} (p50 ${fmt.ms(byUnit.p50)})`,
      '< 50 ms',
      byUnit.p95 < 50,
    ),
    row(
      'c. module summary: stuck per unit, renewals apart, rows with lastActivityAt and currentItem',
      `${stuck.toLocaleString('en')} stuck over ${report.units.length} units; renewals ${report.renewals} ` +
        `(${renewals} seeded), enrolled ${report.enrolled}; first inactive row ${
          firstPage.items[0]?.lastActivityAt && firstPage.items[0]?.currentItem ? 'has both' : 'lacks them'
        }`,
      'counts match the seed',
      report.renewals === renewals &&
        report.enrolled === members &&
        stuck > 0 &&
        Boolean(firstPage.items[0]?.lastActivityAt && firstPage.items[0]?.currentItem),
    ),
    row(
      `c. CSV export of ${members.toLocaleString('en')} members`,
      `${fmt.s(csv.ms / 1000)} (first byte ${fmt.ms(csv.firstByte)}, ${csv.lines - 1} rows; again: ${fmt.s(again.ms / 1000)}, ${again.lines - 1} rows)`,
      '< 3 s, every row',
      csv.ms < 3000 && csv.lines - 1 === members && csv.status === 200 && again.lines - 1 === members,
    ),
    row(
      'c. CSV export: platform RSS, two exports in a row',
      `peak ${Math.round(peak)} MB (${Math.round(rssBefore)} MB before the first, +${Math.round(csv.peak - rssBefore)} MB; ` +
        `second +${Math.round(again.peak - again.before)} MB from ${Math.round(again.before)} MB)`,
      'flat: + < 50 MB over both',
      peak - rssBefore < 50,
    ),
  ];
  return rows;
}
