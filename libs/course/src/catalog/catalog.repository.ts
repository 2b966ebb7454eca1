import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isUniqueViolation } from '@greenlight/common';
import type { ModuleSnapshot } from '../catalog-reader/module-snapshot';
import { CourseModuleEntity } from './course-module.entity';
import { ModuleVersionEntity } from './module-version.entity';

export interface NewModule {
  slug: string;
  draft: Record<string, unknown>;
  draftHash: string;
  actorId: string | null;
}

export interface DraftWrite {
  id: string;
  /** The slug after the save; a different one renames the module, which only a never-published one allows. */
  slug?: string;
  draft: Record<string, unknown>;
  draftHash: string;
  actorId: string | null;
  /** Compare-and-set: save only while the stored revision is still this one. */
  expectedRevision?: string;
}

/** `refused`: the revision moved on, or the module was published meanwhile and its slug is fixed. */
export type DraftWriteOutcome =
  { outcome: 'saved'; module: CourseModuleEntity } | { outcome: 'refused' } | { outcome: 'slug-taken' };

/** A version as listed: who published it is an id, named by the service through the auth lib's port. */
export interface VersionListing {
  version: number;
  publishedAt: Date;
  publishedBy: string | null;
}

export interface NewVersion {
  moduleId: string;
  version: number;
  snapshot: ModuleSnapshot;
  document: Record<string, unknown>;
  documentHash: string;
  publishedBy: string | null;
  publishedAt: Date;
}

/** Where a module's newest version is, without loading the (possibly large) snapshot. */
export interface LatestPointer {
  moduleId: string;
  slug: string;
  version: number;
}

@Injectable()
export class CatalogRepository {
  constructor(
    @InjectRepository(CourseModuleEntity) private readonly modules: Repository<CourseModuleEntity>,
    @InjectRepository(ModuleVersionEntity) private readonly versions: Repository<ModuleVersionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  findBySlug(slug: string): Promise<CourseModuleEntity | null> {
    return this.modules.findOneBy({ slug });
  }

  /** Every module with the document hash of its newest version (null when never published), by slug. */
  async listWithPublishedHash(): Promise<{ module: CourseModuleEntity; publishedHash: string | null }[]> {
    const { entities, raw } = await this.modules
      .createQueryBuilder('m')
      .leftJoin(ModuleVersionEntity, 'v', 'v.module_id = m.id AND v.version = m.latest_version')
      .addSelect('v.document_hash', 'published_hash')
      .orderBy('m.slug')
      .getRawAndEntities<{ m_id: string; published_hash: string | null }>();
    const hashes = new Map(raw.map((row) => [row.m_id, row.published_hash]));
    return entities.map((module) => ({ module, publishedHash: hashes.get(module.id) ?? null }));
  }

  async count(): Promise<number> {
    return this.modules.count();
  }

  /** Returns null when the slug is taken (the unique index decides, not a prior read). */
  async create(module: NewModule): Promise<CourseModuleEntity | null> {
    try {
      const result = await this.modules
        .createQueryBuilder()
        .insert()
        .values({
          slug: module.slug,
          draft: module.draft as never,
          draftHash: module.draftHash,
          createdBy: module.actorId,
          updatedBy: module.actorId,
        })
        .execute();
      return this.modules.findOneBy({ id: result.identifiers[0].id });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /**
   * One UPDATE that checks and writes at once, so two saves of the same revision cannot both win
   * (reading the revision first and writing after would let them).
   */
  async writeDraft(write: DraftWrite): Promise<DraftWriteOutcome> {
    const query = this.modules
      .createQueryBuilder()
      .update()
      .set({
        draft: write.draft as never,
        draftHash: write.draftHash,
        updatedBy: write.actorId,
        updatedAt: () => 'now()',
        revision: () => 'gen_random_uuid()',
        ...(write.slug ? { slug: write.slug } : {}),
      })
      .where('id = :id', { id: write.id });
    if (write.expectedRevision !== undefined)
      query.andWhere('revision = :revision', { revision: write.expectedRevision });
    if (write.slug) query.andWhere('(slug = :slug OR latest_version IS NULL)', { slug: write.slug });
    try {
      const result = await query.execute();
      if (!result.affected) return { outcome: 'refused' };
    } catch (error) {
      if (isUniqueViolation(error)) return { outcome: 'slug-taken' };
      throw error;
    }
    return { outcome: 'saved', module: await this.modules.findOneByOrFail({ id: write.id }) };
  }

  findById(id: string): Promise<CourseModuleEntity | null> {
    return this.modules.findOneBy({ id });
  }

  /** Newest first, with who published each (null when the importer did). */
  async listVersions(moduleId: string): Promise<VersionListing[]> {
    const rows: { version: number; published_at: Date; published_by: string | null }[] = await this.dataSource.query(
      `SELECT version, published_at, published_by FROM course.module_versions
        WHERE module_id = $1 ORDER BY version DESC`,
      [moduleId],
    );
    return rows.map((row) => ({ version: row.version, publishedAt: row.published_at, publishedBy: row.published_by }));
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Locks the module row so two publishers of the same module take turns. */
  lockBySlug(slug: string, manager: EntityManager): Promise<CourseModuleEntity | null> {
    return manager
      .getRepository(CourseModuleEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.slug = :slug', { slug })
      .getOne();
  }

  findVersion(moduleId: string, version: number, manager?: EntityManager): Promise<ModuleVersionEntity | null> {
    const repo = manager ? manager.getRepository(ModuleVersionEntity) : this.versions;
    return repo.findOneBy({ moduleId, version });
  }

  async insertVersion(row: NewVersion, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(ModuleVersionEntity)
      .createQueryBuilder()
      .insert()
      .values({ ...row, snapshot: row.snapshot as never, document: row.document as never })
      .execute();
    await manager
      .getRepository(CourseModuleEntity)
      .createQueryBuilder()
      .update()
      .set({ latestVersion: row.version })
      .where('id = :id', { id: row.moduleId })
      .execute();
  }

  async latestPointerBySlug(slug: string): Promise<LatestPointer | null> {
    const row = await this.modules
      .createQueryBuilder('m')
      .select(['m.id', 'm.slug', 'm.latestVersion'])
      .where('m.slug = :slug AND m.latest_version IS NOT NULL', { slug })
      .getOne();
    return row ? { moduleId: row.id, slug: row.slug, version: row.latestVersion! } : null;
  }

  async latestPointers(): Promise<LatestPointer[]> {
    const rows = await this.modules
      .createQueryBuilder('m')
      .select(['m.id', 'm.slug', 'm.latestVersion'])
      .where('m.latest_version IS NOT NULL')
      .orderBy('m.slug')
      .getMany();
    return rows.map((row) => ({ moduleId: row.id, slug: row.slug, version: row.latestVersion! }));
  }

  /** Snapshots of many (module, version) pairs in one query. */
  async findSnapshots(pairs: { moduleId: string; version: number }[]): Promise<ModuleSnapshot[]> {
    if (!pairs.length) return [];
    const rows = await this.versions
      .createQueryBuilder('v')
      .where('(v.module_id, v.version) IN (SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:versions AS int[])))', {
        ids: pairs.map((p) => p.moduleId),
        versions: pairs.map((p) => p.version),
      })
      .getMany();
    return rows.map((row) => row.snapshot);
  }

  /**
   * Runs `work` while holding a PostgreSQL advisory lock, so processes that start together take
   * turns (the content bootstrap import).
   */
  async withAdvisoryLock<T>(key: number, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [key]);
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
      await runner.release();
    }
  }
}
