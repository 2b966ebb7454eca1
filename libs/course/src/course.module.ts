import { Module } from '@nestjs/common';
import { AuthoringController } from './authoring/authoring.controller';
import { PreviewController } from './authoring/preview.controller';
import { PreviewService } from './authoring/preview.service';
import { CatalogController } from './catalog/catalog.controller';
import { CatalogModule } from './catalog/catalog.module';
import { GiftExportController } from './catalog/gift-export.controller';
import { YamlBodyParser } from './catalog/yaml-body.parser';
import { ContentBootstrapService } from './content-import/content-bootstrap.service';

/** Catalog, authoring and versioned publishing over HTTP, and the first-start import of content/. */
@Module({
  imports: [CatalogModule],
  controllers: [AuthoringController, PreviewController, CatalogController, GiftExportController],
  providers: [PreviewService, YamlBodyParser, ContentBootstrapService],
})
export class CourseModule {}
