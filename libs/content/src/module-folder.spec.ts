import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findModuleFolders, loadModuleFolder } from './module-folder';
import { validateModuleDocument } from './validate-document';

const FIXTURES = join(__dirname, '..', 'fixtures', 'modules');

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gl-module-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('module folders', () => {
  it('finds the subfolders holding a module document, by name', () => {
    expect(findModuleFolders(FIXTURES).map((dir) => dir.slice(FIXTURES.length + 1))).toEqual([
      'budget-check',
      'pitching-basics',
    ]);
  });

  it('treats a folder that holds a document itself as one module', () => {
    expect(findModuleFolders(join(FIXTURES, 'budget-check'))).toEqual([join(FIXTURES, 'budget-check')]);
  });

  it('reads YAML and inlines ./ Markdown bodies and GIFT files, per language too', () => {
    const loaded = loadModuleFolder(join(FIXTURES, 'pitching-basics'));
    expect(loaded.errors).toEqual([]);
    const item = (loaded.document as any).units[0].items[0];
    expect(item.body.en).toMatch(/^# What a pitch is/);
    expect(item.body.fr).toMatch(/^# Qu'est-ce qu'un pitch/);
    const result = validateModuleDocument(loaded.document);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const quiz = result.document.units[0].items[1];
    expect(quiz.kind === 'quiz' && quiz.questions.map((q) => q.key)).toEqual(['length', 'audience', 'minutes']);
  });

  it('reads JSON documents the same way', () => {
    const loaded = loadModuleFolder(join(FIXTURES, 'budget-check'));
    expect(loaded.errors).toEqual([]);
    expect(validateModuleDocument(loaded.document).ok).toBe(true);
  });

  it('names the field whose file is missing', () => {
    const dir = folderWith({
      'module.yaml': 'slug: x\nunits:\n  - key: u1\n    items:\n      - key: l\n        body: { en: ./gone.md }\n',
    });
    expect(loadModuleFolder(dir).errors).toEqual([`units[0].items[0].body.en: cannot read ./gone.md (no such file in ${dir})`]);
  });

  it('refuses references that leave the module folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'gl-modules-'));
    writeFileSync(join(root, 'secret.md'), 'outside');
    mkdirSync(join(root, 'm'));
    writeFileSync(join(root, 'm', 'module.yaml'), 'units:\n  - items:\n      - gift: ../secret.md\n');
    expect(loadModuleFolder(join(root, 'm')).errors).toEqual([
      'units[0].items[0].gift: ../secret.md must stay inside the module folder m',
    ]);
  });

  it('reports YAML errors with the file name and position, duplicate keys included', () => {
    const dir = folderWith({ 'module.yaml': 'slug: a\nslug: b\n' });
    expect(loadModuleFolder(dir).errors).toEqual([expect.stringMatching(/^module\.yaml: Map keys must be unique at line 2, column 1/)]);
  });

  it('says when a folder has no document', () => {
    const dir = folderWith({ 'notes.md': 'hi' });
    expect(loadModuleFolder(dir).errors).toEqual([`no module.yaml or module.yml or module.json in ${dir}`]);
  });
});
