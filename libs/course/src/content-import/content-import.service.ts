import { Injectable } from '@nestjs/common';
import { findModuleFolders, loadModuleFolder } from '@greenlight/content';
import { CatalogService, ImportOutcome } from '../catalog/catalog.service';

export type FolderOutcome = ImportOutcome & { dir: string };

export interface ImportReport {
  modules: FolderOutcome[];
  invalid: number;
}

/** Imports module folders (module.yaml + Markdown + GIFT files) into the catalog; the CLI and the first start use it. */
@Injectable()
export class ContentImportService {
  constructor(private readonly catalog: CatalogService) {}

  /** Each valid module is imported even when another is invalid; the report says which were not. */
  async importDirectory(root: string): Promise<ImportReport> {
    const modules: FolderOutcome[] = [];
    const folderOfSlug = new Map<string, string>();
    for (const dir of findModuleFolders(root)) {
      const loaded = loadModuleFolder(dir);
      const slug = (loaded.document as { slug?: unknown } | undefined)?.slug;
      const knownSlug = typeof slug === 'string' ? slug : null;
      if (loaded.errors.length) {
        modules.push({ dir, slug: knownSlug, action: 'invalid', errors: loaded.errors });
        continue;
      }
      if (knownSlug && folderOfSlug.has(knownSlug)) {
        modules.push({
          dir,
          slug: knownSlug,
          action: 'invalid',
          errors: [`slug: "${knownSlug}" is already used by ${folderOfSlug.get(knownSlug)}`],
        });
        continue;
      }
      if (knownSlug) folderOfSlug.set(knownSlug, dir);
      modules.push({ dir, ...(await this.catalog.importDocument(loaded.document)) });
    }
    return { modules, invalid: modules.filter((m) => m.action === 'invalid').length };
  }
}

/** One line per module for people: `banking-for-producers: created, published v1`. */
export function describeOutcome(outcome: FolderOutcome): string[] {
  const name = outcome.slug ?? outcome.dir;
  if (outcome.action === 'invalid')
    return [`${name}: invalid (${outcome.dir})`, ...outcome.errors.map((e) => `  ${e}`)];
  const published = outcome.publishedVersion ? `, published v${outcome.publishedVersion}` : '';
  return [`${name}: ${outcome.action}${published}`, ...outcome.warnings.map((w) => `  warning: ${w}`)];
}
