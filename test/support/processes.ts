import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

export type AppName = 'platform' | 'course' | 'progress' | 'certificate' | 'certificate-worker';

export interface RunningApp {
  child: ChildProcess;
  output: () => string;
  /** `exit <code>`, or the signal that ended it. */
  exited: Promise<string>;
  stop: () => Promise<string>;
}

/**
 * Builds the server (and the web front end) the way `npm start` does, when anything is stale. Jest's
 * global setup has normally built already, so this is a quick check.
 */
export function buildOnce(): void {
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--build-only'], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`the build failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** Starts one built app as its own process, as `npm run start:<app>` would. */
export function startApp(app: AppName, env: Record<string, string>): RunningApp {
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, `dist/apps/${app}/src/main.js`)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // Nest closes the app on SIGTERM and then re-raises the signal, so a clean stop ends by that signal.
  const exited = new Promise<string>((done) => child.on('exit', (code, signal) => done(signal ?? `exit ${code}`)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return { child, output: () => output, exited, stop };
}

/** Resolves once `GET <url>/api/health` answers 200; fails with the app's output when it exits first. */
export async function waitForHealth(url: string, app?: RunningApp, timeoutMs = 60_000): Promise<Response> {
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
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Polls `probe` until it returns something other than undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
