import { Injectable } from '@nestjs/common';
import { AuditService, AuthUser, hasRole, UsersRepository } from '@greenlight/auth';
import { Locale } from '@greenlight/common';
import { frenchGaps, moduleDocumentJsonSchema, validateModuleDocument } from '@greenlight/content';
import { draftChanges } from '../authoring/draft-changes';
import { CatalogReader } from '../catalog-reader/catalog-reader';
import { CourseException, CourseExceptionCode } from '../course.exception';
import { CatalogRepository } from './catalog.repository';
import { CourseModuleEntity } from './course-module.entity';
import { draftSnapshot, moduleNotFound as notFound, validated, validatedWithWarnings, withWarnings } from './draft';
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

/** What a save answers: the draft as members would see it (with its key), and its new revision. */
export type SavedDraft = ReturnType<typeof moduleView> & { revision: string; warnings?: string[] };

/** Who saved the draft last and when: what the editor tells someone whose save came too late. */
export interface DraftStamp {
  revision: string;
  updatedBy: { id: string; name: string } | null;
  updatedAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    private readonly users: UsersRepository,
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
          : draftSnapshot(module);
        return {
          ...catalogEntry(snapshot, viewer.locale),
          status: published ? 'published' : 'draft',
          version: module.latestVersion,
          publishedVersion: module.latestVersion,
          hasUnpublishedChanges:
            publishedHash !== module.draftHash &&
            (!published || draftChanges(snapshot, draftSnapshot(module), viewer.locale).length > 0),
          /** Texts of the draft without a French version (the rule the editor counts with). */
          frenchMissing: frenchGaps(module.draft).length,
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
      return moduleView(draftSnapshot(module), 'draft', view);
    }
    if (module.latestVersion === null) throw notFound(slug);
    return moduleView(await this.reader.getVersion(module.id, module.latestVersion), 'published', view);
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
    if (!module) throw slugTaken(document.slug);
    return withWarnings(moduleView(draftSnapshot(module), 'draft', { locale, answers: true }), warnings);
  }

  /**
   * Replaces the draft. With `ifMatch` (the revision the editor loaded) it saves only if nobody saved
   * since; otherwise it answers DRAFT_CONFLICT with who did. A different slug in the document renames
   * a module that was never published; once published the slug is fixed.
   */
  async replaceDraft(
    slug: string,
    input: unknown,
    actor: AuthUser | null,
    locale: Locale,
    ifMatch?: string,
  ): Promise<SavedDraft> {
    const existing = await this.findModule(slug);
    const { document, warnings } = validatedWithWarnings(input);
    const renaming = document.slug !== slug;
    if (renaming && existing.latestVersion !== null) throw slugFixed(slug);
    // A revision that is not even a UUID cannot be the current one (and must not reach a uuid comparison).
    if (ifMatch !== undefined && !UUID.test(ifMatch)) throw await this.conflict(existing.id, slug);
    const written = await this.repository.writeDraft({
      id: existing.id,
      slug: renaming ? document.slug : undefined,
      draft: input as Record<string, unknown>,
      draftHash: documentHash(document),
      actorId: actor?.id ?? null,
      expectedRevision: ifMatch,
    });
    if (written.outcome === 'slug-taken') throw slugTaken(document.slug);
    if (written.outcome === 'refused') {
      const current = await this.repository.findBySlug(slug);
      const stale = ifMatch !== undefined && current?.revision !== ifMatch;
      // Not stale, so the module was published between our read and our write: its slug is now fixed.
      if (!stale && renaming) throw slugFixed(slug);
      throw await this.conflict(existing.id, slug);
    }
    const module = written.module;
    const view = {
      ...moduleView(draftSnapshot(module), 'draft', { locale, answers: true }),
      revision: module.revision,
    };
    return withWarnings(view, warnings);
  }

  /** The draft's revision, who saved it and when. */
  async stamp(slug: string): Promise<DraftStamp & { module: CourseModuleEntity }> {
    const module = await this.repository.findBySlug(slug);
    if (!module) throw notFound(slug);
    return { module, ...(await this.toStamp(module)) };
  }

  /**
   * Names of these accounts, read through the auth lib's port (course does not read `auth.users`
   * in its own SQL); an account the auth lib no longer has is missing from the map.
   */
  async namesOf(ids: (string | null)[]): Promise<Map<string, string>> {
    const contacts = await this.users.contactsOf(ids.filter((id): id is string => id !== null));
    return new Map([...contacts].map(([id, contact]) => [id, contact.name]));
  }

  private async toStamp(module: CourseModuleEntity): Promise<DraftStamp> {
    const name = (await this.namesOf([module.updatedBy])).get(module.updatedBy ?? '');
    return {
      revision: module.revision,
      updatedBy: module.updatedBy && name !== undefined ? { id: module.updatedBy, name } : null,
      updatedAt: new Date(module.updatedAt).toISOString(),
    };
  }

  private async conflict(id: string, slug: string): Promise<CourseException> {
    const found = await this.repository.findById(id);
    if (!found) return notFound(slug);
    const stamp = await this.toStamp(found);
    const who = stamp.updatedBy ? ` by ${stamp.updatedBy.name}` : '';
    return new CourseException(
      CourseExceptionCode.DraftConflict,
      `The draft was saved${who} at ${stamp.updatedAt} since you loaded it; reload it before saving`,
      undefined,
      { ...stamp },
    );
  }

  /** Publishing over HTTP: a draft equal to the newest version is refused rather than frozen again. */
  async publish(slug: string, actor: AuthUser | null): Promise<PublishResult> {
    const result = await this.publishIfChanged(slug, actor);
    if (!result.changed) {
      throw new CourseException(
        CourseExceptionCode.NothingToPublish,
        `Nothing to publish: the draft is the same as version ${result.version}`,
      );
    }
    return result;
  }

  /** Freezes the draft as the next version, unless it equals the newest one already. */
  publishIfChanged(slug: string, actor: AuthUser | null): Promise<PublishResult> {
    return this.repository.transaction(async (manager) => {
      const module = await this.repository.lockBySlug(slug, manager);
      if (!module) throw notFound(slug);
      const document = validated(module.draft);
      const draft = buildSnapshot({ moduleId: module.id, version: 0, publishedAt: '' }, document);
      const latest =
        module.latestVersion === null
          ? null
          : await this.repository.findVersion(module.id, module.latestVersion, manager);
      const changes = draftChanges(latest?.snapshot ?? null, draft, 'en');
      if (latest && (latest.documentHash === module.draftHash || !changes.length)) {
        return { version: latest.version, changed: false };
      }
      const version = (module.latestVersion ?? 0) + 1;
      const publishedAt = new Date();
      await this.repository.insertVersion(
        {
          moduleId: module.id,
          version,
          snapshot: { ...draft, version, publishedAt: publishedAt.toISOString() },
          document: module.draft,
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
          details: {
            slug,
            version,
            changes: changes.length,
            affectsGrading: changes.some((change) => change.affectsGrading),
          },
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
      await this.repository.writeDraft({
        id: existing.id,
        draft: input as Record<string, unknown>,
        draftHash: hash,
        actorId: null,
      });
      action = 'updated';
    }
    const published = await this.publishIfChanged(slug, null);
    if (published.changed && action === 'unchanged') action = 'updated';
    return { slug, action, publishedVersion: published.changed ? published.version : null, warnings: result.warnings };
  }

  async isEmpty(): Promise<boolean> {
    return (await this.repository.count()) === 0;
  }

  async findModule(slug: string): Promise<CourseModuleEntity> {
    const module = await this.repository.findBySlug(slug);
    if (!module) throw notFound(slug);
    return module;
  }
}

const slugFixed = (slug: string) =>
  new CourseException(CourseExceptionCode.SlugFixed, 'A published module keeps its slug', [
    `slug: must stay "${slug}" (it was published under this slug, which links and certificates use)`,
  ]);

export const slugTaken = (slug: string) =>
  new CourseException(CourseExceptionCode.SlugTaken, `A module with the slug "${slug}" already exists`);
