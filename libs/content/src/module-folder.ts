import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';

/** The names a module folder's document may have, in order of preference. */
export const DOCUMENT_FILES = ['module.yaml', 'module.yml', 'module.json'];

export interface LoadedModule {
  /** The folder, as given. */
  dir: string;
  /** The document with `./file` references replaced by the files' text; absent when it could not be read. */
  document?: unknown;
  /** Problems reading the files (the document itself is validated afterwards). */
  errors: string[];
}

const FILE_REFERENCE = /^\.{1,2}\/[^\n]*$/;

/** The module folders under `root`: itself when it holds a document, otherwise its subfolders that do, by name. */
export function findModuleFolders(root: string): string[] {
  if (documentFile(root)) return [root];
  return readdirSync(root)
    .sort()
    .map((name) => join(root, name))
    .filter((path) => statSync(path).isDirectory() && documentFile(path) !== undefined);
}

/**
 * Reads one module folder: module.yaml (or .yml / .json), with lesson bodies and quiz GIFT that
 * are `./relative` paths replaced by those files (`body: ./unit-1.md`, `body: {en: ./a.en.md, fr: ./a.fr.md}`,
 * `gift: ./check.gift`).
 */
export function loadModuleFolder(dir: string): LoadedModule {
  const file = documentFile(dir);
  if (!file) return { dir, errors: [`no ${DOCUMENT_FILES.join(' or ')} in ${dir}`] };
  let document: unknown;
  try {
    const text = readFileSync(join(dir, file), 'utf8');
    document = file.endsWith('.json') ? JSON.parse(text) : parse(text);
  } catch (error) {
    return { dir, errors: [`${file}: ${(error as Error).message.trim().split('\n')[0]}`] };
  }
  const errors: string[] = [];
  const units = (document as { units?: unknown })?.units;
  if (Array.isArray(units)) {
    units.forEach((unit, u) => {
      const items = (unit as { items?: unknown })?.items;
      if (!Array.isArray(items)) return;
      items.forEach((item, i) => {
        if (!item || typeof item !== 'object') return;
        const record = item as Record<string, unknown>;
        for (const field of ['body', 'gift'].filter((name) => name in record)) {
          record[field] = resolveText(dir, record[field], `units[${u}].items[${i}].${field}`, errors);
        }
      });
    });
  }
  return { dir, document, errors };
}

function documentFile(dir: string): string | undefined {
  return DOCUMENT_FILES.find((name) => existsSync(join(dir, name)));
}

function resolveText(dir: string, value: unknown, path: string, errors: string[]): unknown {
  if (typeof value === 'string') return FILE_REFERENCE.test(value.trim()) ? readReference(dir, value.trim(), path, errors) : value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([lang, text]) => [lang, resolveText(dir, text, `${path}.${lang}`, errors)]),
    );
  }
  return value;
}

function readReference(dir: string, reference: string, path: string, errors: string[]): unknown {
  const target = resolve(dir, reference);
  const inside = relative(resolve(dir), target);
  if (inside.startsWith('..') || inside.startsWith(sep)) {
    errors.push(`${path}: ${reference} must stay inside the module folder ${basename(resolve(dir))}`);
    return reference;
  }
  try {
    return readFileSync(target, 'utf8');
  } catch {
    errors.push(`${path}: cannot read ${reference} (no such file in ${dir})`);
    return reference;
  }
}
