import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { startTestApp, TestApp } from '@greenlight/testing';
import { CatalogReader } from './catalog-reader';
import { CourseReadModule } from './course-read.module';
import type { ModuleSnapshot } from './module-snapshot';

@Module({ imports: [CoreModule, QueueModule, AuthModule, CourseReadModule] })
class ReaderTestModule {}

function snapshotOf(moduleId: string, slug: string, version: number): ModuleSnapshot {
  return {
    moduleId,
    slug,
    version,
    publishedAt: new Date().toISOString(),
    title: { en: `Title ${version}`, fr: `Titre ${version}` },
    summary: 'Summary',
    certificate: { enabled: true, cpdHours: 1 },
    opensAt: null,
    closesAt: null,
    tracks: [],
    units: [],
  };
}

describe('CatalogReader (CourseReadModule)', () => {
  let t: TestApp;
  let reader: CatalogReader;

  async function insertModule(slug: string, versions: number): Promise<string> {
    const { rows } = await t.db.pool.query(
      `INSERT INTO course.modules (slug, draft, draft_hash, latest_version) VALUES ($1, '{}', 'h', $2) RETURNING id`,
      [slug, versions || null],
    );
    const id = rows[0].id as string;
    for (let v = 1; v <= versions; v++) {
      await t.db.pool.query(
        `INSERT INTO course.module_versions (module_id, version, snapshot, document_hash) VALUES ($1, $2, $3, 'h')`,
        [id, v, JSON.stringify(snapshotOf(id, slug, v))],
      );
    }
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp(() => ReaderTestModule);
    reader = t.app.get(CatalogReader);
  });
  afterAll(() => t.close());

  it('reads a version, then serves it from memory', async () => {
    const id = await insertModule('reader-cached', 2);
    expect((await reader.getVersion(id, 1)).title).toEqual({ en: 'Title 1', fr: 'Titre 1' });
    // Deleting the row behind the cache's back proves the second read never reached the database.
    await t.db.pool.query('ALTER TABLE course.module_versions DISABLE TRIGGER USER');
    await t.db.pool.query('DELETE FROM course.module_versions WHERE module_id = $1 AND version = 1', [id]);
    await t.db.pool.query('ALTER TABLE course.module_versions ENABLE TRIGGER USER');
    expect((await reader.getVersion(id, 1)).version).toBe(1);
  });

  it('throws a not-found CourseException for a version that does not exist', async () => {
    const id = await insertModule('reader-missing', 1);
    await expect(reader.getVersion(id, 7)).rejects.toMatchObject({
      code: 'MODULE_VERSION_NOT_FOUND',
      kind: 'not_found',
    });
  });

  it('finds the newest published version by slug, and null for unpublished or unknown slugs', async () => {
    await insertModule('reader-latest', 3);
    await insertModule('reader-unpublished', 0);
    expect((await reader.getLatestPublished('reader-latest'))?.version).toBe(3);
    expect(await reader.getLatestPublished('reader-unpublished')).toBeNull();
    expect(await reader.getLatestPublished('no-such-module')).toBeNull();
  });

  it('lists the newest version of every published module', async () => {
    await insertModule('reader-list-a', 2);
    await insertModule('reader-list-b', 1);
    const listed = await reader.listLatestPublished();
    const bySlug = new Map(listed.map((s) => [s.slug, s.version]));
    expect(bySlug.get('reader-list-a')).toBe(2);
    expect(bySlug.get('reader-list-b')).toBe(1);
    expect(bySlug.has('reader-unpublished')).toBe(false);
  });

  it('refuses to rewrite a published version', async () => {
    const id = await insertModule('reader-immutable', 1);
    await expect(
      t.db.pool.query(`UPDATE course.module_versions SET document_hash = 'x' WHERE module_id = $1`, [id]),
    ).rejects.toThrow(/immutable/);
  });
});
