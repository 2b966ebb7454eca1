import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CourseModuleEntity } from '../catalog/course-module.entity';
import { ModuleVersionEntity } from '../catalog/module-version.entity';
import { CachedCatalogReader } from './cached-catalog-reader';
import { CatalogReader } from './catalog-reader';

/**
 * The read port for other services: import this module and inject `CatalogReader` to read
 * published module versions (the only course data another service may see).
 */
@Module({
  imports: [TypeOrmModule.forFeature([CourseModuleEntity, ModuleVersionEntity])],
  providers: [CatalogRepository, { provide: CatalogReader, useClass: CachedCatalogReader }],
  exports: [CatalogReader],
})
export class CourseReadModule {}
