import { Injectable } from '@nestjs/common';
import { AuthUser } from '@greenlight/auth';
import { Locale, LocalizedText } from '@greenlight/common';
import { validateModuleDocument } from '@greenlight/content';
import { CatalogReader } from '../catalog-reader/catalog-reader';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CatalogService, DraftStamp, slugTaken } from '../catalog/catalog.service';
import { draftSnapshot, validated } from '../catalog/draft';
import { documentHash } from '../catalog/snapshot-builder';
import { CourseException, CourseExceptionCode } from '../course.exception';
import { draftChanges } from './draft-changes';
import { snapshotDocument } from './snapshot-document';

export interface DraftDocument extends DraftStamp {
  document: Record<string, unknown>;
}

/** What the editor needs around the draft: its revision, the changes, the versions, copies and checks. */
@Injectable()
export class AuthoringService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly repository: CatalogRepository,
    private readonly reader: CatalogReader,
  ) {}

  /** The draft exactly as authored (texts as `{en, fr}`, GIFT as text), with its revision. */
  async document(slug: string): Promise<DraftDocument> {
    const { module, ...stamp } = await this.catalog.stamp(slug);
    return { document: module.draft, ...stamp };
  }

  async changes(slug: string, locale: Locale) {
    const module = await this.catalog.findModule(slug);
    const published =
      module.latestVersion === null ? null : await this.reader.getVersion(module.id, module.latestVersion);
    return {
      publishedVersion: module.latestVersion,
      changes: draftChanges(published, draftSnapshot(module), locale),
    };
  }

  async versions(slug: string) {
    const module = await this.catalog.findModule(slug);
    const versions = await this.repository.listVersions(module.id);
    const names = await this.catalog.namesOf(versions.map((row) => row.publishedBy));
    return versions.map((row) => {
      const name = row.publishedBy === null ? undefined : names.get(row.publishedBy);
      return {
        version: row.version,
        publishedAt: new Date(row.publishedAt).toISOString(),
        publishedBy: row.publishedBy && name !== undefined ? { id: row.publishedBy, name } : null,
      };
    });
  }

  /** A version's document, to read or to start a draft from (PUT it back). */
  async versionDocument(slug: string, version: number): Promise<Record<string, unknown>> {
    const module = await this.catalog.findModule(slug);
    const row = await this.repository.findVersion(module.id, version);
    if (!row) {
      throw new CourseException(CourseExceptionCode.VersionNotFound, `Module "${slug}" has no version ${version}`);
    }
    return row.document ?? snapshotDocument(row.snapshot);
  }

  /** A new draft copied from this one's draft (next year's module), under another slug. */
  async duplicate(
    slug: string,
    copy: { slug: string; title?: LocalizedText },
    actor: AuthUser,
  ): Promise<DraftDocument> {
    const source = await this.catalog.findModule(slug);
    const draft = { ...source.draft, slug: copy.slug, ...(copy.title !== undefined ? { title: copy.title } : {}) };
    const created = await this.repository.create({
      slug: copy.slug,
      draft,
      draftHash: documentHash(validated(draft)),
      actorId: actor.id,
    });
    if (!created) throw slugTaken(copy.slug);
    return this.document(copy.slug);
  }

  /** Reads a document (an uploaded file) and lists its problems without saving anything. */
  check(input: unknown) {
    const result = validateModuleDocument(input);
    return {
      valid: result.ok,
      errors: result.ok ? [] : result.errors,
      document: (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>,
    };
  }
}
