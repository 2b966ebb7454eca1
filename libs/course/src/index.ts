export * from './course.module';
export * from './course.exception';
export * from './catalog-reader/module-snapshot';
export * from './catalog-reader/catalog-reader';
export * from './catalog-reader/course-read.module';
export * from './catalog/catalog.module';
export * from './content-import/content-import.service';
export { buildSnapshot } from './catalog/snapshot-builder';
