import type { ModuleSnapshot } from './module-snapshot';

/**
 * The typed read port other services use to see course content. Implemented in the course lib
 * (CourseReadModule); versions are immutable, so implementations cache them without expiry.
 */
export abstract class CatalogReader {
  /** A published version; throws a CourseException (not found) when it does not exist. */
  abstract getVersion(moduleId: string, version: number): Promise<ModuleSnapshot>;
  /** The newest published version of the module with this slug, or null when none is published. */
  abstract getLatestPublished(slug: string): Promise<ModuleSnapshot | null>;
  /** The newest published version of every published module, for overviews. */
  abstract listLatestPublished(): Promise<ModuleSnapshot[]>;
}
