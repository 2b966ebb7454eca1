// What every benchmark and drill shares: a dedicated database, app processes, tokens, timing and the table.
// test/support/processes.ts holds the same helpers for Jest; these are their plain-JavaScript twins, so
// `npm run bench` needs nothing but the built app and node.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sessionId } from './seed.mjs';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
/**
 * PostgreSQL runs on this machine: like a same-host deployment, the bench talks to it over its Unix socket
 * when there is one (about a quarter less CPU per query than loopback TCP, for the platform and the
 * baseline alike). BENCH_DATABASE_URL overrides.
 */
const PG_SOCKET_DIR = '/var/run/postgresql';
export const ADMIN_PG_URL =
  process.env.BENCH_DATABASE_URL ??
  (existsSync(`${PG_SOCKET_DIR}/.s.PGSQL.5432`)
    ? `postgres://postgres@localhost/postgres?host=${PG_SOCKET_DIR}`
    : 'postgres://postgres@127.0.0.1:5432/postgres');
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const JWT_SECRET = `bench-${randomBytes(24).toString('hex')}`;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the server the way `npm start` does, when anything is stale. Returns false when the build
 * failed but an earlier build is there to run (the run then says so in its notes).
 */
export function buildOnce() {
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--build-only'], { cwd: ROOT, stdio: 'inherit' });
    return true;
  } catch (error) {
    if (!existsSync(join(ROOT, 'dist/apps/platform/src/main.js'))) throw error;
    console.error('The build failed; running the previous build in dist/.');
    return false;
  }
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function databaseUrl(name, base = ADMIN_PG_URL) {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A database of its own for this run: created empty (the first app to start migrates it), dropped at the end. */
export async function createRunDatabase(prefix = 'gl_bench') {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = databaseUrl(name);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      const client = new pg.Client({ connectionString: ADMIN_PG_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Node.js flags for every server process the bench starts. `BENCH_PROFILE=<dir>`: each writes a V8 CPU
 * profile there when it stops; `BENCH_NODE_FLAGS="--flag …"`: extra flags (for experiments); `BENCH_LOG_DIR=<dir>`:
 * each app's whole output is also written there (`<app>-<pid>.log`, e.g. with `--trace-gc`).
 */
const serverFlags = [
  ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
  ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
];

/** Starts one built app (dist/apps/<app>/src/main.js) as its own process. */
export function startApp(app, env) {
  let output = '';
  const child = spawn(process.execPath, [...serverFlags, join(ROOT, `dist/apps/${app}/src/main.js`)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = process.env.BENCH_LOG_DIR
    ? createWriteStream(join(process.env.BENCH_LOG_DIR, `${app}-${child.pid}.log`))
    : null;
  const keep = (chunk) => {
    log?.write(chunk);
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((done) => child.on('exit', (code, signal) => done(signal ?? `exit ${code}`)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return { child, pid: child.pid, output: () => output, exited, stop };
}

/** Starts a plain node script (the bare baseline) the same way. */
export function startScript(script, env) {
  let output = '';
  const child = spawn(process.execPath, [...serverFlags, script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((done) => child.on('exit', (code, signal) => done(signal ?? `exit ${code}`)));
  return {
    child,
    pid: child.pid,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function waitForHealth(url, app, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (app && (app.child.exitCode !== null || app.child.signalCode !== null)) {
      throw new Error(`the app behind ${url} exited before it was healthy:\n${app.output()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy:\n${app?.output() ?? ''}`);
    await sleep(200);
  }
}

export async function eventually(probe, what, timeoutMs = 60_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

const b64url = (value) => Buffer.from(value).toString('base64url');

/**
 * An access token exactly like the auth service's (HS256, `sub` and `sid`), signed with the run's secret;
 * the session it names is seeded with the user (seed.mjs). The role is the user row's, as for any session.
 */
export function token(userId, secret = JWT_SECRET) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ sub: userId, sid: sessionId(userId), iat: now, exp: now + 12 * 3600 }));
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

export async function api(base, method, path, bearer, body) {
  const send = () =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let response;
  try {
    response = await send();
  } catch (error) {
    // A kept-alive connection the server closed while this process was busy (the render loop blocks
    // the event loop for seconds) fails before the request is read: sending it again is safe.
    if (error?.cause?.code !== 'UND_ERR_SOCKET') throw error;
    response = await send();
  }
  const type = response.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? await response.json() : await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

/** Publishes a module document through the API; returns its published form with item ids and the module's row id. */
export async function publishModule(base, staffToken, document, pool) {
  await api(base, 'POST', '/api/modules', staffToken, document);
  await api(base, 'POST', `/api/modules/${document.slug}/publish`, staffToken);
  const published = await api(base, 'GET', `/api/modules/${document.slug}`);
  const { rows } = await pool.query(`SELECT id FROM course.modules WHERE slug = $1`, [document.slug]);
  return { ...published, moduleId: rows[0].id, items: published.units.flatMap((u) => u.items) };
}

/** The fields of /proc/<pid>/stat after the command name (state first; times in ticks of 10 ms). */
const procStat = (pid) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
const ticksMs = (fields, first) => (Number(fields[first]) + Number(fields[first + 1])) * 10;

/** CPU time (user + system, every thread) a process has used so far, in ms, from /proc. */
export function cpuMs(pid) {
  return ticksMs(procStat(pid), 11);
}

/**
 * CPU time the local PostgreSQL cluster has used so far, in ms: every live postgres process (backends,
 * WAL writer, checkpointer, autovacuum) plus what its exited processes used (the postmaster's reaped
 * children), so backends that come and go between two readings are still counted. Null when /proc does
 * not show PostgreSQL (it runs on another host).
 */
export function postgresCpuMs() {
  let pids;
  try {
    pids = execFileSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' }).trim().split('\n').map(Number);
  } catch {
    return null;
  }
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = procStat(pid);
      total += ticksMs(fields, 11);
      // The postmaster (whose parent is not a postgres process) carries its exited children's time.
      if (!pids.includes(Number(fields[1]))) total += ticksMs(fields, 13);
    } catch {
      // exited between pgrep and here: the postmaster's children's time has it from now on
    }
  }
  return total;
}

/** The local redis-server's pid (null when Redis runs elsewhere or /proc does not show it). */
export function redisPid() {
  try {
    return Number(execFileSync('pgrep', ['-x', 'redis-server'], { encoding: 'utf8' }).split('\n')[0]) || null;
  } catch {
    return null;
  }
}

/** Resident memory of a process, in MB, from /proc. */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function machine() {
  let commit = 'unknown';
  let dirty = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs', 'bench'], { cwd: ROOT })
      .toString()
      .trim()
      ? ' (with uncommitted changes in the tree)'
      : '';
  } catch {
    // not a git checkout
  }
  const load = existsSync('/proc/loadavg')
    ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
    : '?';
  return {
    date: new Date().toISOString(),
    commit: `${commit}${dirty}`,
    nproc: cpus().length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    load,
  };
}

/** One row of the results table. `pass` is true, false, or null (informational). */
export function row(figure, measured, target, pass) {
  return { figure, measured, target, verdict: pass === null ? 'info' : pass ? 'PASS' : 'FAIL' };
}

export function formatTable(rows) {
  const head = ['figure', 'measured', 'target', 'verdict'];
  const cells = rows.map((r) =>
    [r.figure, r.measured, r.target, r.verdict].map((c) => String(c).replace(/\|/g, '\\|')),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function appendResults({ title, command, info, rows, notes }) {
  const text = [
    '',
    `## ${title} — ${info.date}`,
    '',
    `- command: \`${command}\``,
    `- commit: ${info.commit}`,
    `- machine: ${info.nproc} cores (${info.cpu}), ${info.memory} memory, Node ${info.node}`,
    `- load average at the start: ${info.loadStart}; at the end: ${info.loadEnd}`,
    '',
    formatTable(rows),
    '',
    ...(notes.length ? ['Notes:', '', ...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  appendFileSync(join(ROOT, 'bench/RESULTS.md'), text);
}

export const fmt = {
  ms: (v) => (Number.isFinite(v) ? `${v < 1 ? v.toFixed(2) : v < 10 ? v.toFixed(1) : Math.round(v)} ms` : 'n/a'),
  rate: (v) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en')}/s` : 'n/a'),
  ratio: (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a'),
  pct: (v) => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : 'n/a'),
  s: (v) => (Number.isFinite(v) ? `${v.toFixed(2)} s` : 'n/a'),
};
