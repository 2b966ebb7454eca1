import { Module } from '@nestjs/common';
import { CatalogController } from './catalog/catalog.controller';
import { CatalogModule } from './catalog/catalog.module';
import { GiftExportController } from './catalog/gift-export.controller';
import { YamlBodyParser } from './catalog/yaml-body.parser';
import { ContentBootstrapService } from './content-import/content-bootstrap.service';

/** Catalog, authoring and versioned publishing over HTTP, and the first-start import of content/. */
@Module({
  imports: [CatalogModule],
  controllers: [CatalogController, GiftExportController],
  providers: [YamlBodyParser, ContentBootstrapService],
})
export class CourseModule {}
