import { ModuleDocument, validateModuleDocument } from '@greenlight/content';
import type { ModuleSnapshot } from '../catalog-reader/module-snapshot';
import { CourseException, CourseExceptionCode } from '../course.exception';
import { CourseModuleEntity } from './course-module.entity';
import { buildSnapshot } from './snapshot-builder';

export function validated(input: unknown): ModuleDocument {
  const result = validateModuleDocument(input);
  if (!result.ok) {
    throw new CourseException(CourseExceptionCode.InvalidDocument, 'The module document is invalid', result.errors);
  }
  return result.document;
}

/** The draft shaped like a version, with the same stable ids it will have once published. */
export function draftSnapshot(module: CourseModuleEntity): ModuleSnapshot {
  return buildSnapshot({ moduleId: module.id, version: 0, publishedAt: '' }, validated(module.draft));
}

export const moduleNotFound = (slug: string) =>
  new CourseException(CourseExceptionCode.ModuleNotFound, `No module "${slug}"`);
