/**
 * Mantine's CSS is loaded per component (styles/mantine.css for what every page shows, the rest next to the
 * page that uses it), so a component whose stylesheet is not loaded renders unstyled, silently: a
 * VisuallyHidden label shows, a SegmentedControl's indicator floats loose. This reads the source and
 * Mantine's own modules and checks, for every chunk the browser can load (the entry and each page loaded
 * on demand), that every Mantine component it renders — and every component those render inside — has its
 * stylesheet imported by that chunk or by the entry.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mantine = resolve(src, '../../../node_modules/@mantine/core');
const mantineEsm = join(mantine, 'esm');

const read = (path: string) => readFileSync(path, 'utf8');
const STYLESHEET = /^@mantine\/core\/styles\/(\w+)\.layer\.css$/;

/** Exported name → the Mantine module that defines it, from the package's index. */
function mantineExports(): Map<string, string> {
  const exports = new Map<string, string>();
  for (const [, names, from] of read(join(mantineEsm, 'index.mjs')).matchAll(/import \{([^}]+)\} from "(\.[^"]+)"/g)) {
    for (const name of names.split(',')) {
      const local = name.trim().split(/\s+as\s+/)[0];
      exports.set(local, resolve(mantineEsm, from));
    }
  }
  return exports;
}

/**
 * The components whose class names a Mantine module renders, its own included: those whose class map
 * (`X.module.mjs`, the CSS module of `styles/X.css`) it reaches through its relative imports.
 */
function componentsBehind(module: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  if (seen.has(module)) return found;
  seen.add(module);
  const classMap = /\/(\w+)\.module\.mjs$/.exec(module);
  if (classMap) found.add(classMap[1]);
  for (const [, from] of read(module).matchAll(/from "(\.[^"]+\.mjs)"/g)) {
    componentsBehind(resolve(dirname(module), from), seen, found);
  }
  return found;
}

const hasStylesheet = (component: string) => existsSync(join(mantine, 'styles', `${component}.layer.css`));

interface SourceFile {
  staticImports: string[];
  lazyImports: string[];
  mantineNames: string[];
  stylesheets: string[];
}

function resolveSource(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return ['', '.tsx', '.ts', '/index.tsx', '/index.ts']
    .map((suffix) => base + suffix)
    .find((path) => existsSync(path) && statSync(path).isFile());
}

function parse(path: string): SourceFile {
  const text = read(path);
  const file: SourceFile = { staticImports: [], lazyImports: [], mantineNames: [], stylesheets: [] };
  for (const [, what, from] of text.matchAll(/^import\s+(?:type\s+)?([\s\S]*?)\s*from\s+'([^']+)'/gm)) {
    if (what.startsWith('type ')) continue;
    if (from === '@mantine/core') {
      file.mantineNames.push(
        ...what
          .replace(/[{}]/g, '')
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name && !name.startsWith('type ')),
      );
    } else if (from.startsWith('.')) {
      const target = resolveSource(path, from);
      if (target) file.staticImports.push(target);
    }
  }
  for (const [, sheet] of text.matchAll(/^import\s+'([^']+\.css)'/gm)) {
    if (sheet.startsWith('.')) {
      // A local stylesheet (styles/mantine.css) may gather Mantine's with @import.
      for (const [, imported] of read(resolve(dirname(path), sheet)).matchAll(/@import '([^']+)'/g)) {
        const name = STYLESHEET.exec(imported)?.[1];
        if (name) file.stylesheets.push(name);
      }
    } else {
      const name = STYLESHEET.exec(sheet)?.[1];
      if (name) file.stylesheets.push(name);
    }
  }
  for (const [, from] of text.matchAll(/import\('(\.[^']+)'\)/g)) {
    const target = resolveSource(path, from);
    if (target) file.lazyImports.push(target);
  }
  return file;
}

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return entry === 'test' ? [] : sources(path);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
  });
}

const files = new Map(sources(src).map((path) => [path, parse(path)]));

/** A chunk: the modules a root pulls in statically (what the browser loads, with their CSS, together). */
function chunk(root: string): string[] {
  const members = new Set<string>();
  const visit = (path: string) => {
    if (members.has(path) || !files.has(path)) return;
    members.add(path);
    files.get(path)!.staticImports.forEach(visit);
  };
  visit(root);
  return [...members];
}

const entry = join(src, 'main.tsx');
const exported = mantineExports();
const stylesOf = (paths: string[]) => new Set(paths.flatMap((path) => files.get(path)!.stylesheets));
const entryStyles = stylesOf(chunk(entry));
const roots = [entry, ...new Set([...files.values()].flatMap((file) => file.lazyImports))];

/**
 * Where a component's rules stand in Mantine's whole stylesheet. Components that wear another's classes
 * (a Button is an UnstyledButton, a Card a Paper) override them by coming later in the same layer.
 */
const wholeSheet = read(join(mantine, 'styles.css'));
function orderOf(component: string): number {
  const firstRule = read(join(mantine, 'styles', `${component}.css`))
    .split('\n')
    .find((line) => line.includes('{'))!;
  return wholeSheet.indexOf(firstRule);
}

describe("Mantine's stylesheets", () => {
  it('finds the pages loaded on demand and what they use (the check reads the code it should)', () => {
    expect(roots.length).toBeGreaterThan(10);
    expect(entryStyles.has('SegmentedControl')).toBe(true);
    expect(componentsBehind(exported.get('SegmentedControl')!)).toContain('FloatingIndicator');
  });

  it.each(roots.map((root) => [relative(src, root), root]))(
    '%s loads the CSS of every component it renders',
    (_, root) => {
      const members = chunk(root);
      const loaded = new Set([...entryStyles, ...stylesOf(members)]);
      const missing = new Map<string, string>();
      for (const path of members) {
        for (const name of files.get(path)!.mantineNames) {
          const module = exported.get(name);
          if (!module || !module.includes('/components/')) continue;
          for (const component of componentsBehind(module)) {
            if (hasStylesheet(component) && !loaded.has(component) && !missing.has(component)) {
              missing.set(component, `${name} in ${relative(src, path)}`);
            }
          }
        }
      }
      expect(Object.fromEntries(missing)).toEqual({});
    },
  );

  it.each(
    [...files].filter(([, file]) => file.stylesheets.length > 1).map(([path, file]) => [relative(src, path), file]),
  )("%s imports them in the order of Mantine's own stylesheet", (_, file) => {
    const byMantine = [...file.stylesheets].sort((a, b) => orderOf(a) - orderOf(b));
    expect(file.stylesheets).toEqual(byMantine);
  });
});
