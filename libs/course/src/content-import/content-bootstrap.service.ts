import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CatalogService } from '../catalog/catalog.service';
import { ContentImportService, describeOutcome } from './content-import.service';

/** Any constant, distinct from the migration lock: processes starting together import one at a time. */
const IMPORT_LOCK = 4_711_2027;

/** On a first start (an empty catalog) imports IMPORT_CONTENT_DIR, so a fresh `npm start` has the program. */
@Injectable()
export class ContentBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ContentImport');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly repository: CatalogRepository,
    private readonly catalog: CatalogService,
    private readonly importer: ContentImportService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.IMPORT_CONTENT_DIR) await this.importIfEmpty(this.config.IMPORT_CONTENT_DIR);
  }

  /** Imports `dir` when the catalog has no module at all; returns whether this process did the import. */
  async importIfEmpty(dir: string): Promise<boolean> {
    if (!existsSync(dir)) {
      this.logger.warn(`IMPORT_CONTENT_DIR "${dir}" does not exist; nothing imported`);
      return false;
    }
    return this.repository.withAdvisoryLock(IMPORT_LOCK, async () => {
      // Checked under the lock: the process that waited finds the catalog filled and leaves it alone.
      if (!(await this.catalog.isEmpty())) return false;
      const report = await this.importer.importDirectory(dir);
      for (const outcome of report.modules) {
        const [first, ...details] = describeOutcome(outcome);
        if (outcome.action === 'invalid') this.logger.error([first, ...details].join('\n'));
        else this.logger.log(first);
      }
      return true;
    });
  }
}
