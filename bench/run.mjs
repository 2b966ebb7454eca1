#!/usr/bin/env node
// `npm run bench` (quick, under 5 minutes) and `npm run bench:full`: builds if needed, creates a database
// and a queue prefix of its own, starts the built platform (without its in-process worker), runs
// a. progress writes, b. the cohort, c. reports, d. the web pages in Lighthouse (bench/web.mjs), prints the
// table and appends it to bench/RESULTS.md. Options: --full, --only=a,b,c,d. BENCH_DATABASE_URL / BENCH_REDIS_URL point at other servers.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { benchCohort } from './cohort.mjs';
import {
  ADMIN_PG_URL,
  appendResults,
  buildOnce,
  createRunDatabase,
  formatTable,
  freePort,
  JWT_SECRET,
  machine,
  REDIS_URL,
  row,
  sleep,
  startApp,
  token,
  waitForHealth,
} from './lib/harness.mjs';
import { seedSession } from './lib/seed.mjs';
import { benchReports } from './reports.mjs';
import { benchWeb } from './web.mjs';
import { benchWrites } from './writes.mjs';

const full = process.argv.includes('--full');
const only = (process.argv.find((a) => a.startsWith('--only='))?.split('=')[1] ?? 'a,b,c,d').split(',');
const command = `npm run ${full ? 'bench:full' : 'bench'}${only.length < 4 ? ` -- --only=${only.join(',')}` : ''}`;

async function dropQueueKeys(prefix) {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const info = machine();
  info.loadStart = info.load;
  console.log(
    `Greenlight bench (${full ? 'full' : 'quick'}): ${info.nproc} cores, ${info.memory}, commit ${info.commit}`,
  );
  const built = buildOnce();
  const db = await createRunDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'gl-bench-'));
  const queuePrefix = `glbench-${process.pid}-${Date.now()}`;
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET,
    NODE_ENV: 'production',
    CREDENTIAL_SIGNING_KEY: randomBytes(32).toString('base64url'),
    SUBJECT_HASH_SALT: randomBytes(16).toString('hex'),
    DATA_DIR: dir,
    CERT_STORAGE_DIR: join(dir, 'certificates'),
    IMPORT_CONTENT_DIR: 'none',
    AUTH_RATE_LIMIT: '100000',
    VERIFY_RATE_LIMIT: '100000',
  };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The platform as `npm start` runs it, minus the in-process worker: part b starts worker processes.
  // Other work on this machine may be rebuilding dist/ at this moment: try again, a few seconds later.
  let platform;
  for (let attempt = 1; ; attempt++) {
    platform = startApp('platform', { ...env, PORT: String(port), RUN_WORKER: 'false' });
    try {
      await waitForHealth(base, platform);
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      console.error(`The platform did not start (attempt ${attempt}); trying again.`);
      await sleep(5000);
      buildOnce();
    }
  }
  const rows = [];
  const notes = [
    `PostgreSQL over ${new URL(ADMIN_PG_URL).searchParams.get('host') ? 'its Unix socket' : 'TCP'} (${ADMIN_PG_URL}).`,
  ];
  if (!built)
    notes.push('The build failed (work in progress elsewhere in the tree): this run used the previous build in dist/.');
  try {
    const { rows: admin } = await db.pool.query(
      `INSERT INTO auth.users (email, password_hash, name, role) VALUES ('bench-admin@bench.example', '!', 'Bench Admin', 'admin') RETURNING id`,
    );
    await seedSession(db.pool, admin[0].id);
    const staff = token(admin[0].id);
    const context = {
      base,
      pool: db.pool,
      databaseUrl: db.url,
      staff,
      env,
      quick: !full,
      notes,
      platformPid: platform.pid,
    };
    for (const [part, run] of [
      ['a', benchWrites],
      ['b', benchCohort],
      ['c', benchReports],
      ['d', benchWeb],
    ]) {
      if (!only.includes(part)) continue;
      const started = Date.now();
      console.log(`\n— part ${part} …`);
      try {
        const partRows = await run(context);
        rows.push(...partRows);
        console.log(formatTable(partRows));
      } catch (error) {
        console.error(error);
        rows.push(
          row(`${part}. did not finish`, String(error.message).split('\n')[0].slice(0, 160), 'finishes', false),
        );
      }
      notes.push(`part ${part} took ${Math.round((Date.now() - started) / 1000)} s`);
    }
    if (platform.child.exitCode !== null)
      notes.push(`the platform exited during the run:\n${platform.output().slice(-2000)}`);
    if (/"level":50|ERROR/.test(platform.output())) {
      notes.push(
        `the platform logged errors; the first: ${platform
          .output()
          .split('\n')
          .find((l) => /"level":50|ERROR/.test(l))
          ?.slice(0, 300)}`,
      );
    }
  } finally {
    await platform.stop();
    await db.drop().catch((error) => console.error(`could not drop ${db.name}: ${error.message}`));
    await dropQueueKeys(queuePrefix).catch((error) =>
      console.error(`could not clear ${queuePrefix}: ${error.message}`),
    );
    rmSync(dir, { recursive: true, force: true });
  }
  const end = machine();
  info.loadEnd = end.load;
  console.log(`\n${formatTable(rows)}`);
  appendResults({ title: full ? 'Full run' : 'Quick run', command, info, rows, notes });
  console.log(`\nAppended to bench/RESULTS.md. Load average ${info.loadStart} → ${info.loadEnd}.`);
  process.exit(rows.some((r) => r.verdict === 'FAIL') ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
