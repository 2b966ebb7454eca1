// The certificates ZIP at 10,000 certificates (issue 15): memory of the server while it streams the
// archive to a fast client and to a slow one, against the archive's size.
// Usage: node bench/zip.mjs [--count=10000] [--slow-kbps=8000]
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendResults,
  buildOnce,
  createRunDatabase,
  freePort,
  JWT_SECRET,
  machine,
  REDIS_URL,
  row,
  rssMb,
  sleep,
  startApp,
  token,
  waitForHealth,
} from './lib/harness.mjs';
import { memberId, seedMembers } from './lib/seed.mjs';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const COUNT = arg('count', 10_000);
const SLOW_BYTES_PER_S = arg('slow-kbps', 8000) * 1000;
const PDF_BYTES = 40_000;

/** Reads the archive, sampling the server's resident memory every 50 ms; `bytesPerS` throttles the reading. */
async function download(url, bearer, pid, bytesPerS = Infinity) {
  const samples = [];
  const sampler = setInterval(() => samples.push(rssMb(pid)), 50);
  const started = Date.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    if (Number.isFinite(bytesPerS)) {
      const due = started + (bytes / bytesPerS) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
    }
  }
  clearInterval(sampler);
  return { status: response.status, bytes, seconds: (Date.now() - started) / 1000, peak: Math.max(...samples) };
}

const start = machine();
buildOnce();
const db = await createRunDatabase('gl_bench_zip');
const dir = mkdtempSync(join(tmpdir(), 'gl-bench-zip-'));
let platform;
try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  platform = startApp('platform', {
    PORT: String(port),
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: `glbenchzip-${randomBytes(3).toString('hex')}`,
    JWT_SECRET,
    CREDENTIAL_SIGNING_KEY: randomBytes(32).toString('base64url'),
    SUBJECT_HASH_SALT: randomBytes(16).toString('hex'),
    DATA_DIR: dir,
    CERT_STORAGE_DIR: join(dir, 'certificates'),
    IMPORT_CONTENT_DIR: 'none',
    RUN_WORKER: 'false',
  });
  await waitForHealth(base, platform);

  await seedMembers(db.pool, 'zip', 1);
  await seedMembers(db.pool, 'zipstaff', 1);
  const staffId = memberId('zipstaff', 1);
  await db.pool.query(`UPDATE auth.users SET role = 'staff' WHERE id = $1`, [staffId]);
  // One stored PDF (incompressible bytes, as a PDF's streams are) that every certificate row names: the
  // server reads it from disk once per entry, as it would read each certificate's own file.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(PDF_BYTES)]);
  mkdirSync(join(dir, 'certificates'), { recursive: true });
  writeFileSync(join(dir, 'certificates', 'bench.pdf'), pdf);
  const sha = createHash('sha256').update(pdf).digest('hex');
  await db.pool.query(
    `INSERT INTO certificate.certificates (id, serial, enrolment_id, member_id, module_id, module_slug, module_version,
       module_title, holder_name, locale, cpd_hours, completed_at, completion_date, time_zone, issued_at, status,
       pdf_sha256, pdf_layout, storage_key)
     SELECT gen_random_uuid(), 'GL-BENCH-' || lpad(i::text, 6, '0'), gen_random_uuid(), $1, gen_random_uuid(), 'zip-bench', 1,
            '{"en":"Bench","fr":"Banc"}', 'Member ' || i, 'en', 1, now(), current_date, 'America/Toronto',
            now() + i * interval '1 millisecond', 'issued', $2, 1, 'bench.pdf'
       FROM generate_series(1, $3::int) AS i`,
    [memberId('zip', 1), sha, COUNT],
  );
  const bearer = token(staffId);
  const url = `${base}/api/modules/zip-bench/certificates.zip`;
  await download(`${base}/api/modules/none/certificates.zip`, bearer, platform.pid); // warm the route
  const idle = rssMb(platform.pid);
  const fast = await download(url, bearer, platform.pid);
  const slow = await download(url, bearer, platform.pid, SLOW_BYTES_PER_S);
  const archiveMb = fast.bytes / 1e6;
  const rows = [
    row(
      'archive size',
      `${archiveMb.toFixed(0)} MB (${COUNT.toLocaleString('en')} PDFs of ${PDF_BYTES / 1000} KB)`,
      '—',
      fast.status === 200,
    ),
    row('fast client: time', `${fast.seconds.toFixed(1)} s`, '—', null),
    row(
      'fast client: server RSS, idle → peak',
      `${idle.toFixed(0)} → ${fast.peak.toFixed(0)} MB`,
      'growth < 100 MB (flat, not the archive)',
      fast.peak - idle < 100,
    ),
    row(
      `slow client (${SLOW_BYTES_PER_S / 1e6} MB/s): time`,
      `${slow.seconds.toFixed(1)} s`,
      '—',
      slow.bytes === fast.bytes,
    ),
    row(
      'slow client: server RSS peak',
      `${slow.peak.toFixed(0)} MB`,
      'growth < 100 MB (flat, not the archive)',
      slow.peak - idle < 100,
    ),
  ];
  appendResults({
    title: `Certificates ZIP (part e), ${COUNT.toLocaleString('en')} certificates`,
    command: process.argv
      .slice(1)
      .join(' ')
      .replace(process.cwd() + '/', ''),
    info: { ...start, loadStart: start.load, loadEnd: machine().load },
    rows,
    notes: [
      'Every row names the same stored PDF (read from disk per entry), so the figure is the streaming, not the disk.',
      'RSS is the platform process’s VmRSS sampled every 50 ms during the download.',
    ],
  });
  console.log(rows.map((r) => `${r.figure} | ${r.measured} | ${r.target} | ${r.verdict}`).join('\n'));
  if (rows.some((r) => r.verdict === 'FAIL')) process.exitCode = 1;
} finally {
  await platform?.stop();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}
