#!/usr/bin/env node
// `npm start` and friends: build whatever is missing or older than its sources, then run one app.
// Usage: node scripts/start.mjs <platform|course|progress|certificate|certificate-worker> | --build-only
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const apps = ['platform', 'course', 'progress', 'certificate', 'certificate-worker'];
const target = process.argv[2] ?? 'platform';
if (target !== '--build-only' && !apps.includes(target)) {
  console.error(`Unknown app "${target}". Choose one of: ${apps.join(', ')}`);
  process.exit(2);
}

function newest(paths, skip = /node_modules|dist/) {
  let latest = 0;
  const walk = (path) => {
    if (!existsSync(path) || skip.test(path.slice(root.length))) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
    else latest = Math.max(latest, stat.mtimeMs);
  };
  paths.forEach((p) => walk(join(root, p)));
  return latest;
}

const stampTime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: false });
  if (result.status !== 0) {
    console.error(`\n"${command} ${args.join(' ')}" failed; see the messages above.`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

const serverStamp = join(root, 'dist', '.build-stamp');
if (
  newest(
    ['apps', 'libs', 'migrations', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    /node_modules|dist|apps\/web/,
  ) > stampTime(serverStamp)
) {
  console.log('Building the server…');
  run(bin('nest'), ['build', 'platform']);
  writeFileSync(serverStamp, new Date().toISOString());
}

const webDir = join(root, 'apps', 'web');
const webStamp = join(webDir, 'dist', '.build-stamp');
if (existsSync(join(webDir, 'vite.config.ts')) && newest(['apps/web'], /node_modules|dist/) > stampTime(webStamp)) {
  console.log('Building the web front end…');
  run(bin('vite'), ['build', '--logLevel', 'warn'], webDir);
  writeFileSync(webStamp, new Date().toISOString());
}

if (target === '--build-only') process.exit(0);

const child = spawn(process.execPath, [join(root, 'dist', 'apps', target, 'src', 'main.js')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
