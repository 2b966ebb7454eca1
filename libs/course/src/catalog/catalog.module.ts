import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@greenlight/auth';
import { CourseReadModule } from '../catalog-reader/course-read.module';
import { ContentImportService } from '../content-import/content-import.service';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { CourseModuleEntity } from './course-module.entity';
import { GiftExportService } from './gift-export.service';
import { ModuleVersionEntity } from './module-version.entity';

/** The catalog's rules without HTTP: what CourseModule serves and what the content CLI runs. */
@Module({
  imports: [TypeOrmModule.forFeature([CourseModuleEntity, ModuleVersionEntity]), CourseReadModule, AuthModule],
  providers: [CatalogRepository, CatalogService, ContentImportService, GiftExportService],
  exports: [CatalogRepository, CatalogService, ContentImportService, GiftExportService],
})
export class CatalogModule {}
