// Part d of `npm run bench`: how fast the web front end loads on a phone. Lighthouse 13 (mobile preset:
// a simulated mid-range phone on slow 4G) runs three times on the catalog, a module page, a verify page
// and a signed-in learning view; the table shows the median of each category and of FCP, LCP and TBT.
// Lighthouse 13 needs Node 22 or later: it runs on the Node 24 of scripts/node24.sh, and is installed once
// (pinned) next to it in ${XDG_CACHE_HOME:-~/.cache}/greenlight, outside the project's dependencies.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, eventually, freePort, publishModule, ROOT, row, startApp, waitForHealth } from './lib/harness.mjs';
import { lessonModule } from './lib/seed.mjs';

const LIGHTHOUSE_VERSION = '13.5.0';
const RUNS = 3;
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const PUBLIC_TARGETS = { performance: 90, accessibility: 100, 'best-practices': 95, seo: 95 };

/** Node 24's bin directory (scripts/node24.sh installs it once) and a Lighthouse CLI installed with it. */
function lighthouseCommand() {
  const nodeBin = execFileSync('sh', [join(ROOT, 'scripts/node24.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const dir = join(
    process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
    'greenlight',
    `lighthouse-${LIGHTHOUSE_VERSION}`,
  );
  const cli = join(dir, 'node_modules', 'lighthouse', 'cli', 'index.js');
  if (!existsSync(cli)) {
    console.log(`Installing lighthouse@${LIGHTHOUSE_VERSION} into ${dir} (once)…`);
    execFileSync(
      'npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error', `lighthouse@${LIGHTHOUSE_VERSION}`],
      { stdio: 'inherit', env: { ...process.env, PATH: `${nodeBin}:${process.env.PATH}` } },
    );
  }
  return { node: join(nodeBin, 'node'), cli };
}

/** One Lighthouse run: the four category scores (0–100) and FCP, LCP (ms) and TBT (ms). */
async function lighthouse({ node, cli }, url, headers, dir) {
  const output = join(dir, `lh-${Date.now()}.json`);
  const args = [
    cli,
    url,
    '--quiet',
    '--output=json',
    `--output-path=${output}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
  ];
  if (headers) {
    const file = join(dir, 'headers.json');
    writeFileSync(file, JSON.stringify(headers));
    args.push(`--extra-headers=${file}`);
  }
  await new Promise((resolve, reject) => {
    const child = spawn(node, args, {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors = (errors + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited ${code}: ${errors}`))));
  });
  const report = JSON.parse(readFileSync(output, 'utf8'));
  // BENCH_LIGHTHOUSE_DIR=<dir> keeps every run's whole report (bootup time, main-thread work, long tasks).
  if (process.env.BENCH_LIGHTHOUSE_DIR) {
    const name = `${new URL(url).pathname.split('/')[1] || 'catalog'}-${Date.now()}.json`;
    copyFileSync(output, join(process.env.BENCH_LIGHTHOUSE_DIR, name));
  }
  rmSync(output);
  if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(report.categories[c].score * 100)]));
  const metric = (id) => report.audits[id].numericValue;
  const failing = CATEGORIES.flatMap((c) =>
    report.categories[c].auditRefs
      .filter((ref) => ref.weight > 0 && report.audits[ref.id].score !== null && report.audits[ref.id].score < 0.9)
      .map((ref) => `${c}: ${ref.id}`),
  );
  return {
    ...scores,
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    failing,
  };
}

/**
 * Lighthouse asks to be run again when Chromium's trace of the load came out unusable (NO_NAVSTART,
 * NO_FCP…, which a busy machine provokes); such a run is repeated, up to twice, and never counted.
 */
async function lighthouseAgain(command, url, headers, dir) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouse(command, url, headers, dir);
    } catch (error) {
      if (attempt === 3 || !/Please run Lighthouse again|\((NO_[A-Z_]+)\)/.test(error.message)) throw error;
      console.log(`  Lighthouse could not record ${url} (${error.message.split('\n')[0].slice(-40)}); again`);
    }
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** What the pages show: three published modules, a member part-way through one, and a certificate of another. */
async function seed({ base, pool, staff, env }) {
  const lesson = (n) =>
    `## Part ${n}\n\nProducers finance a slate with **interim loans** against tax credits and licence fees.\n\n` +
    '- Cash-flow the production\n- Close the gap\n- Report to the funders\n\n'.repeat(3);
  const module = (slug, title, lessons) => {
    const document = lessonModule(slug, { lessons, title });
    return {
      ...document,
      summary: { en: `${title}: what a producer needs to know, in short lessons.`, fr: `${title} : l’essentiel.` },
      units: document.units.map((unit) => ({
        ...unit,
        items: unit.items.map((item, n) => ({ ...item, body: lesson(n + 1), estimatedMinutes: 10 })),
      })),
    };
  };
  const modules = [
    await publishModule(base, staff, module('web-banking', 'Banking for Producers', 6), pool),
    await publishModule(base, staff, module('web-green', 'Eco-Friendly Production', 4), pool),
    await publishModule(base, staff, module('web-ip', 'IP Development', 1), pool),
  ];
  const registered = await api(base, 'POST', '/api/auth/register', undefined, {
    email: 'web-bench@bench.example',
    password: 'web bench password 1',
    name: 'Émilie Ōkawa',
  });
  const member = registered.accessToken;
  const learning = await api(base, 'POST', '/api/modules/web-banking/enrolments', member, {});
  for (const item of modules[0].items.slice(0, 2))
    await api(base, 'POST', `/api/enrolments/${learning.id}/items/${item.id}/complete`, member);

  // The certificate comes from a worker process, as in production (the bench's platform runs without one).
  const port = await freePort();
  const worker = startApp('certificate-worker', { ...env, WORKER_HEALTH_PORT: String(port) });
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, worker);
    const done = await api(base, 'POST', '/api/modules/web-ip/enrolments', member, {});
    await api(base, 'POST', `/api/enrolments/${done.id}/items/${modules[2].items[0].id}/complete`, member);
    const serial = await eventually(
      async () => (await api(base, 'GET', '/api/me/certificates', member))[0]?.serial,
      'the certificate',
      120_000,
    );
    return { member, enrolmentId: learning.id, serial };
  } finally {
    await worker.stop();
  }
}

export async function benchWeb(context) {
  const { base, notes } = context;
  const command = lighthouseCommand();
  const { member, enrolmentId, serial } = await seed(context);

  const rows = [];
  const firstHtml = await (await fetch(`${base}/verify/${serial}`)).text();
  const verdictInHtml = firstHtml.includes('Valid certificate') && firstHtml.includes('Émilie Ōkawa');
  rows.push(row('d. verify: verdict in the first HTML', verdictInHtml ? 'yes' : 'no', 'yes', verdictInHtml));

  const pages = [
    { name: '/', path: '/' },
    { name: '/modules/:slug', path: '/modules/web-banking' },
    { name: '/verify/:serial', path: `/verify/${serial}` },
    { name: '/learn/:id (signed in)', path: `/learn/${enrolmentId}`, headers: { Cookie: `gl_session=${member}` } },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'gl-lighthouse-'));
  try {
    for (const page of pages) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await lighthouseAgain(command, base + page.path, page.headers, dir));
      const m = Object.fromEntries(
        [...CATEGORIES, 'fcp', 'lcp', 'tbt'].map((key) => [key, median(runs.map((run) => run[key]))]),
      );
      const signedIn = Boolean(page.headers);
      const pass = signedIn ? m.performance >= 80 : CATEGORIES.every((c) => m[c] >= PUBLIC_TARGETS[c]);
      rows.push(
        row(
          `d. ${page.name}: performance · accessibility · best practices · SEO (median of ${RUNS})`,
          CATEGORIES.map((c) => m[c]).join(' · '),
          signedIn ? 'performance ≥ 80' : '≥ 90 · 100 · ≥ 95 · ≥ 95',
          pass,
        ),
        row(
          `d. ${page.name}: FCP · LCP · TBT (median)`,
          `${(m.fcp / 1000).toFixed(2)} s · ${(m.lcp / 1000).toFixed(2)} s · ${Math.round(m.tbt)} ms`,
          'information',
          null,
        ),
      );
      const failing = [...new Set(runs.flatMap((run) => run.failing))];
      if (failing.length) notes.push(`${page.name}: audits below 0.9 in some run: ${failing.join(', ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  notes.push(
    `part d: Lighthouse ${LIGHTHOUSE_VERSION} on Node ${execFileSync(command.node, ['-v'], { encoding: 'utf8' }).trim()}, mobile preset (simulated throttling), Chromium at ${process.env.CHROME_PATH ?? '/usr/bin/chromium'}, ${RUNS} runs a page, against the built platform served as \`npm start\` serves it`,
  );
  return rows;
}
