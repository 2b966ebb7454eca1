import { Injectable } from '@nestjs/common';
import { AuditService, AuthUser, hasRole } from '@greenlight/auth';
import { Locale } from '@greenlight/common';
import { ModuleDocument, moduleDocumentJsonSchema, validateModuleDocument } from '@greenlight/content';
import { CatalogReader } from '../catalog-reader/catalog-reader';
import type { ModuleSnapshot } from '../catalog-reader/module-snapshot';
import { CourseException, CourseExceptionCode } from '../course.exception';
import { CatalogRepository } from './catalog.repository';
import { CourseModuleEntity } from './course-module.entity';
import { catalogEntry, moduleView } from './module-views';
import { buildSnapshot, documentHash } from './snapshot-builder';

export interface Viewer {
  user?: AuthUser;
  locale: Locale;
}

export interface ReadOptions {
  /** `draft`: staff only; otherwise the newest published version (staff fall back to the draft). */
  status?: 'draft' | 'published';
  version?: number;
  answers?: boolean;
}

export interface PublishResult {
  version: number;
  /** False when the draft equals the newest version, which is then returned as it is. */
  changed: boolean;
}

export type ImportOutcome =
  | { slug: string; action: 'created' | 'updated' | 'unchanged'; publishedVersion: number | null; warnings: string[] }
  | { slug: string | null; action: 'invalid'; errors: string[] };

const isStaff = (viewer: Viewer) => viewer.user !== undefined && hasRole(viewer.user.role, 'staff');

/** Staff-only views: 401 for anonymous callers (sign in first), 403 for members. */
function requireStaff(viewer: Viewer, message: string): void {
  if (!viewer.user)
    throw new CourseException(CourseExceptionCode.SignInRequired, `Sign in first: ${message.toLowerCase()}`);
  if (!isStaff(viewer)) throw new CourseException(CourseExceptionCode.StaffOnly, message);
}

@Injectable()
export class CatalogService {
  constructor(
    private readonly repository: CatalogRepository,
    private readonly reader: CatalogReader,
    private readonly audit: AuditService,
  ) {}

  async list(viewer: Viewer, includeDrafts: boolean) {
    if (includeDrafts) requireStaff(viewer, 'Only staff may list unpublished modules');
    if (!includeDrafts) {
      return (await this.reader.listLatestPublished()).map((snapshot) => catalogEntry(snapshot, viewer.locale));
    }
    const rows = await this.repository.listWithPublishedHash();
    return Promise.all(
      rows.map(async ({ module, publishedHash }) => {
        const published = module.latestVersion !== null;
        const snapshot = published
          ? await this.reader.getVersion(module.id, module.latestVersion!)
          : this.draftSnapshot(module);
        return {
          ...catalogEntry(snapshot, viewer.locale),
          status: published ? 'published' : 'draft',
          version: module.latestVersion,
          hasUnpublishedChanges: publishedHash !== module.draftHash,
        };
      }),
    );
  }

  async read(slug: string, viewer: Viewer, options: ReadOptions = {}) {
    const staff = isStaff(viewer);
    if (options.answers) requireStaff(viewer, 'Only staff may see the answer key');
    const module = await this.findModule(slug);
    const view = { locale: viewer.locale, answers: options.answers };
    if (options.version !== undefined) {
      if (module.latestVersion === null || options.version > module.latestVersion) throw notFound(slug);
      return moduleView(await this.reader.getVersion(module.id, options.version), 'published', view);
    }
    const wantsDraft = options.status === 'draft' || (options.status === undefined && module.latestVersion === null);
    if (wantsDraft) {
      // A draft is staff business: to anyone else it does not exist.
      if (!staff) throw notFound(slug);
      return moduleView(this.draftSnapshot(module), 'draft', view);
    }
    if (module.latestVersion === null) throw notFound(slug);
    return moduleView(await this.reader.getVersion(module.id, module.latestVersion), 'published', view);
  }

  /** The draft exactly as authored (texts as `{en, fr}`, GIFT as text), for editing. */
  async document(slug: string) {
    return (await this.findModule(slug)).draft;
  }

  schema() {
    return moduleDocumentJsonSchema();
  }

  async create(input: unknown, actor: AuthUser | null, locale: Locale) {
    const { document, warnings } = validatedWithWarnings(input);
    const module = await this.repository.create({
      slug: document.slug,
      draft: input as Record<string, unknown>,
      draftHash: documentHash(document),
      actorId: actor?.id ?? null,
    });
    if (!module) {
      throw new CourseException(
        CourseExceptionCode.SlugTaken,
        `A module with the slug "${document.slug}" already exists`,
      );
    }
    return withWarnings(moduleView(this.draftSnapshot(module), 'draft', { locale, answers: true }), warnings);
  }

  async replaceDraft(slug: string, input: unknown, actor: AuthUser | null, locale: Locale) {
    const existing = await this.findModule(slug);
    const { document, warnings } = validatedWithWarnings(input);
    if (document.slug !== slug) {
      throw new CourseException(CourseExceptionCode.SlugMismatch, 'The slug cannot change', [
        `slug: must stay "${slug}" (a module's slug cannot be changed)`,
      ]);
    }
    const module = await this.repository.replaceDraft(
      existing.id,
      input as Record<string, unknown>,
      documentHash(document),
      actor?.id ?? null,
    );
    return withWarnings(moduleView(this.draftSnapshot(module), 'draft', { locale, answers: true }), warnings);
  }

  /** Freezes the draft as the next version, unless it equals the newest one already. */
  publish(slug: string, actor: AuthUser | null): Promise<PublishResult> {
    return this.repository.transaction(async (manager) => {
      const module = await this.repository.lockBySlug(slug, manager);
      if (!module) throw notFound(slug);
      if (module.latestVersion !== null) {
        const latest = await this.repository.findVersion(module.id, module.latestVersion, manager);
        if (latest?.documentHash === module.draftHash) return { version: module.latestVersion, changed: false };
      }
      const version = (module.latestVersion ?? 0) + 1;
      const publishedAt = new Date();
      const snapshot = buildSnapshot(
        { moduleId: module.id, version, publishedAt: publishedAt.toISOString() },
        validated(module.draft),
      );
      await this.repository.insertVersion(
        {
          moduleId: module.id,
          version,
          snapshot,
          documentHash: module.draftHash,
          publishedBy: actor?.id ?? null,
          publishedAt,
        },
        manager,
      );
      await this.audit.record(
        {
          actorId: actor?.id ?? null,
          action: 'module.published',
          subjectType: 'module',
          subjectId: module.id,
          details: { slug, version },
        },
        manager,
      );
      return { version, changed: true };
    });
  }

  /**
   * What the file importer does with one document: create or replace the draft when it differs,
   * then publish it when it differs from the newest version. Running it twice changes nothing.
   */
  async importDocument(input: unknown): Promise<ImportOutcome> {
    const result = validateModuleDocument(input);
    if (!result.ok) {
      const slug = (input as { slug?: unknown })?.slug;
      return { slug: typeof slug === 'string' ? slug : null, action: 'invalid', errors: result.errors };
    }
    const { slug } = result.document;
    const hash = documentHash(result.document);
    let action: 'created' | 'updated' | 'unchanged' = 'unchanged';
    const existing = await this.repository.findBySlug(slug);
    if (!existing) {
      const created = await this.repository.create({
        slug,
        draft: input as Record<string, unknown>,
        draftHash: hash,
        actorId: null,
      });
      // Another importer may have created it a moment ago; its draft is then replaced below if it differs.
      if (created) action = 'created';
      else return this.importDocument(input);
    } else if (existing.draftHash !== hash) {
      await this.repository.replaceDraft(existing.id, input as Record<string, unknown>, hash, null);
      action = 'updated';
    }
    const published = await this.publish(slug, null);
    if (published.changed && action === 'unchanged') action = 'updated';
    return { slug, action, publishedVersion: published.changed ? published.version : null, warnings: result.warnings };
  }

  async isEmpty(): Promise<boolean> {
    return (await this.repository.count()) === 0;
  }

  private async findModule(slug: string): Promise<CourseModuleEntity> {
    const module = await this.repository.findBySlug(slug);
    if (!module) throw notFound(slug);
    return module;
  }

  /** The draft shaped like a version, with the same stable ids it will have once published. */
  private draftSnapshot(module: CourseModuleEntity): ModuleSnapshot {
    return buildSnapshot({ moduleId: module.id, version: 0, publishedAt: '' }, validated(module.draft));
  }
}

function validated(input: unknown): ModuleDocument {
  return validatedWithWarnings(input).document;
}

function validatedWithWarnings(input: unknown): { document: ModuleDocument; warnings: string[] } {
  const result = validateModuleDocument(input);
  if (!result.ok) {
    throw new CourseException(CourseExceptionCode.InvalidDocument, 'The module document is invalid', result.errors);
  }
  return result;
}

/** A saved draft's view, with what was imported differently from what was written (GIFT essays skipped, …). */
const withWarnings = <T extends object>(view: T, warnings: string[]) =>
  warnings.length ? { ...view, warnings } : view;

const notFound = (slug: string) => new CourseException(CourseExceptionCode.ModuleNotFound, `No module "${slug}"`);
