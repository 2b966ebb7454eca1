import { ModuleDocument, validateModuleDocument } from '@greenlight/content';
import type { ModuleSnapshot } from '../catalog-reader/module-snapshot';
import { CourseException, CourseExceptionCode } from '../course.exception';
import { CourseModuleEntity } from './course-module.entity';
import { buildSnapshot } from './snapshot-builder';

export function validated(input: unknown): ModuleDocument {
  return validatedWithWarnings(input).document;
}

export function validatedWithWarnings(input: unknown): { document: ModuleDocument; warnings: string[] } {
  const result = validateModuleDocument(input);
  if (!result.ok) {
    throw new CourseException(CourseExceptionCode.InvalidDocument, 'The module document is invalid', result.errors);
  }
  return result;
}

/** A saved draft's view, with what was imported differently from what was written (GIFT essays skipped, …). */
export const withWarnings = <T extends object>(view: T, warnings: string[]) =>
  warnings.length ? { ...view, warnings } : view;

/** The draft shaped like a version, with the same stable ids it will have once published. */
export function draftSnapshot(module: CourseModuleEntity): ModuleSnapshot {
  return buildSnapshot({ moduleId: module.id, version: 0, publishedAt: '' }, validated(module.draft));
}

export const moduleNotFound = (slug: string) =>
  new CourseException(CourseExceptionCode.ModuleNotFound, `No module "${slug}"`);
