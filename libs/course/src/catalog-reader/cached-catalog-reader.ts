import { Injectable } from '@nestjs/common';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CourseException, CourseExceptionCode } from '../course.exception';
import { CatalogReader } from './catalog-reader';
import type { ModuleSnapshot } from './module-snapshot';

/** Enough for every version of a large catalog; the oldest entry goes first when it is full. */
const CACHE_LIMIT = 2000;

/**
 * Versions never change once written, so a snapshot read once is kept for the life of the process.
 * Only "which version is newest" is asked of the database each time (one indexed row).
 */
@Injectable()
export class CachedCatalogReader extends CatalogReader {
  private readonly cache = new Map<string, ModuleSnapshot>();

  constructor(private readonly repository: CatalogRepository) {
    super();
  }

  async getVersion(moduleId: string, version: number): Promise<ModuleSnapshot> {
    const [snapshot] = await this.load([{ moduleId, version }]);
    if (!snapshot) {
      throw new CourseException(CourseExceptionCode.VersionNotFound, `Module ${moduleId} has no version ${version}`);
    }
    return snapshot;
  }

  async getLatestPublished(slug: string): Promise<ModuleSnapshot | null> {
    const pointer = await this.repository.latestPointerBySlug(slug);
    if (!pointer) return null;
    const [snapshot] = await this.load([pointer]);
    return snapshot ?? null;
  }

  async listLatestPublished(): Promise<ModuleSnapshot[]> {
    return this.load(await this.repository.latestPointers());
  }

  /** The snapshots of these pairs, in the same order, leaving out pairs that do not exist. */
  private async load(pairs: { moduleId: string; version: number }[]): Promise<ModuleSnapshot[]> {
    const missing = pairs.filter((p) => !this.cache.has(cacheKey(p.moduleId, p.version)));
    if (missing.length) {
      for (const snapshot of await this.repository.findSnapshots(missing)) this.remember(snapshot);
    }
    return pairs
      .map((p) => this.cache.get(cacheKey(p.moduleId, p.version)))
      .filter((s): s is ModuleSnapshot => s !== undefined);
  }

  private remember(snapshot: ModuleSnapshot): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(cacheKey(snapshot.moduleId, snapshot.version), snapshot);
  }
}

const cacheKey = (moduleId: string, version: number) => `${moduleId}:${version}`;
