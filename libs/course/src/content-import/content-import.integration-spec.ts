import { Module } from '@nestjs/common';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeMember, startTestApp, TestApp } from '@greenlight/testing';
import { answerKeyFieldsIn } from '../catalog/answer-key.test-helper';
import { CourseModule } from '../course.module';
import { ContentBootstrapService } from './content-bootstrap.service';
import { ContentImportService } from './content-import.service';
import { findModuleFolders, loadModuleFolder } from '@greenlight/content';

@Module({ imports: [CoreModule, QueueModule, AuthModule, CourseModule] })
class CourseTestModule {}

const FIXTURES = resolve(__dirname, '../../../content/fixtures/modules');
const PROGRAM = resolve(__dirname, '../../../../content');

const summary = (report: Awaited<ReturnType<ContentImportService['importDirectory']>>) =>
  report.modules.map((m) =>
    m.action === 'invalid' ? [m.slug, m.action, m.errors] : [m.slug, m.action, m.publishedVersion],
  );

function copyOfFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gl-content-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

describe('importing module folders', () => {
  let t: TestApp;
  let importer: ContentImportService;

  beforeEach(async () => {
    t = await startTestApp(() => CourseTestModule);
    importer = t.app.get(ContentImportService);
  });
  afterEach(() => t.close());

  it('creates and publishes every module, and a second run changes nothing', async () => {
    expect(summary(await importer.importDirectory(FIXTURES))).toEqual([
      ['budget-check', 'created', 1],
      ['pitching-basics', 'created', 1],
    ]);
    expect(summary(await importer.importDirectory(FIXTURES))).toEqual([
      ['budget-check', 'unchanged', null],
      ['pitching-basics', 'unchanged', null],
    ]);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM course.module_versions');
    expect(rows[0].n).toBe(2);
  });

  it('publishes a new version of a changed module only', async () => {
    const dir = copyOfFixtures();
    await importer.importDirectory(dir);
    const lesson = join(dir, 'budget-check', 'intro.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8') + '\nAnd forecasts.\n');
    expect(summary(await importer.importDirectory(dir))).toEqual([
      ['budget-check', 'updated', 2],
      ['pitching-basics', 'unchanged', null],
    ]);
    const module = await t.request('GET', '/api/modules/budget-check');
    expect(module.body.version).toBe(2);
    expect(module.body.units[0].items[0].body).toMatch(/And forecasts/);
  });

  it('reports invalid documents with their paths and still imports the valid ones', async () => {
    const dir = copyOfFixtures();
    const file = join(dir, 'pitching-basics', 'module.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('passMark: 60', 'passMark: 160'));
    const report = await importer.importDirectory(dir);
    expect(report.invalid).toBe(1);
    expect(summary(report)).toEqual([
      ['budget-check', 'created', 1],
      ['pitching-basics', 'invalid', ['units[0].items[1].passMark: must be from 0 to 100']],
    ]);
  });

  it('imports on first start when the catalog is empty, once, even with two processes at once', async () => {
    const second = await startTestApp(() => CourseTestModule, { db: t.db });
    try {
      const runs = await Promise.all([
        t.app.get(ContentBootstrapService).importIfEmpty(FIXTURES),
        second.app.get(ContentBootstrapService).importIfEmpty(FIXTURES),
      ]);
      expect(runs.filter(Boolean)).toHaveLength(1);
      const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM course.module_versions');
      expect(rows[0].n).toBe(2);
      // The catalog is no longer empty, so a later start leaves it alone.
      expect(await t.app.get(ContentBootstrapService).importIfEmpty(FIXTURES)).toBe(false);
    } finally {
      await second.close();
    }
  });
});

describe('starting with IMPORT_CONTENT_DIR', () => {
  it('lists the imported modules in both languages', async () => {
    const t = await startTestApp(() => CourseTestModule, { env: { IMPORT_CONTENT_DIR: FIXTURES } });
    try {
      const en = await t.request('GET', '/api/modules');
      const fr = await t.request('GET', '/api/modules?lang=fr');
      expect(en.body.map((m: { title: string }) => m.title)).toEqual(['Budget Check', 'Pitching Basics']);
      expect(fr.body.map((m: { title: string }) => m.title)).toEqual(['Budget Check', 'Les bases du pitch']);
    } finally {
      await t.close();
    }
  });
});

describe('the STAR Producer Program in content/', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(() => CourseTestModule);
  });
  afterAll(() => t.close());

  it('imports without a single invalid document, and again without changes', async () => {
    const importer = t.app.get(ContentImportService);
    const first = await importer.importDirectory(PROGRAM);
    expect(first.modules.filter((m) => m.action === 'invalid')).toEqual([]);
    expect(first.modules.length).toBeGreaterThan(0);
    const second = await importer.importDirectory(PROGRAM);
    expect(second.modules.every((m) => m.action === 'unchanged')).toBe(true);
  });

  it('never shows an answer key to members or anonymous callers, in either language', async () => {
    await t.app.get(ContentImportService).importDirectory(PROGRAM);
    const member = await makeMember(t);
    const list = await t.request('GET', '/api/modules');
    expect(list.body.length).toBeGreaterThan(0);
    for (const lang of ['en', 'fr']) {
      for (const token of [undefined, member.token]) {
        const listed = await t.request('GET', `/api/modules?lang=${lang}`, { token });
        expect(answerKeyFieldsIn(listed.body)).toEqual([]);
        for (const { slug } of list.body) {
          const module = await t.request('GET', `/api/modules/${slug}?lang=${lang}`, { token });
          expect(module.status).toBe(200);
          expect(answerKeyFieldsIn(module.body)).toEqual([]);
        }
      }
    }
  });

  it('reads entirely in French with ?lang=fr: no text a member sees is the English one, unless marked the same', async () => {
    await t.app.get(ContentImportService).importDirectory(PROGRAM);
    const member = await makeMember(t);
    const deliberatelySame = new Set(
      findModuleFolders(PROGRAM).flatMap((dir) => textsMarkedSame(loadModuleFolder(dir).document)),
    );
    const list = await t.request('GET', '/api/modules');
    expect(list.body).toHaveLength(7);
    const english: string[] = [];
    for (const { slug } of list.body) {
      const en = await t.request('GET', `/api/modules/${slug}?lang=en`, { token: member.token });
      const fr = await t.request('GET', `/api/modules/${slug}?lang=fr`, { token: member.token });
      english.push(
        ...sameTexts(en.body, fr.body, slug)
          .filter(([, text]) => !deliberatelySame.has(text))
          .map(([path]) => path),
      );
    }
    expect(english).toEqual([]);
  });
});

/** Fields of a module response that are identifiers, track keys, dates, links or text formats, the same in every language. */
const NOT_TEXT = new Set([
  'id',
  'key',
  'slug',
  'kind',
  'type',
  'status',
  'tracks',
  'joinUrl',
  'videoUrl',
  'startsAt',
  'endsAt',
  'opensAt',
  'closesAt',
  'publishedAt',
  'format',
]);

/** Paths (and texts) where the English and French responses hold the same words. */
function sameTexts(en: unknown, fr: unknown, path: string, field = ''): [string, string][] {
  if (typeof en === 'string') return en === fr && !NOT_TEXT.has(field) && /\p{L}/u.test(en) ? [[path, en]] : [];
  if (Array.isArray(en))
    return en.flatMap((value, i) => sameTexts(value, (fr as unknown[])?.[i], `${path}[${i}]`, field));
  if (en && typeof en === 'object') {
    return Object.entries(en).flatMap(([name, value]) =>
      sameTexts(value, (fr as Record<string, unknown>)?.[name], `${path}.${name}`, name),
    );
  }
  return [];
}

function textsMarkedSame(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsMarkedSame);
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (record.same === true && typeof record.en === 'string') return [record.en];
  return Object.values(record).flatMap(textsMarkedSame);
}
