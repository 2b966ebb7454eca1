import { Injectable } from '@nestjs/common';
import type { Locale } from '@greenlight/common';
import { questionsToGift, validateModuleDocument, type GiftExport } from '@greenlight/content';
import { CourseException, CourseExceptionCode } from '../course.exception';
import { CatalogRepository } from './catalog.repository';

/** A quiz of a module's draft written as Moodle GIFT, to take to Moodle or edit as text. */
@Injectable()
export class GiftExportService {
  constructor(private readonly repository: CatalogRepository) {}

  /** `unitKey` picks the unit when several units hold a quiz with that key. */
  async exportQuiz(slug: string, itemKey: string, unitKey: string | undefined, locale: Locale): Promise<GiftExport> {
    const module = await this.repository.findBySlug(slug);
    if (!module) throw new CourseException(CourseExceptionCode.ModuleNotFound, `No module "${slug}"`);
    const result = validateModuleDocument(module.draft);
    if (!result.ok) {
      throw new CourseException(CourseExceptionCode.InvalidDocument, 'The module document is invalid', result.errors);
    }
    const quizzes = result.document.units
      .filter((unit) => unitKey === undefined || unit.key === unitKey)
      .flatMap((unit) => unit.items.filter((item) => item.key === itemKey && item.kind === 'quiz'));
    if (quizzes.length > 1) {
      throw new CourseException(CourseExceptionCode.InvalidDocument, 'Several units have a quiz with this key', [
        'unit: give ?unit=<unit key> to say which',
      ]);
    }
    const [quiz] = quizzes;
    if (!quiz || quiz.kind !== 'quiz') {
      throw new CourseException(CourseExceptionCode.ModuleNotFound, `No quiz "${itemKey}" in module "${slug}"`);
    }
    return questionsToGift(quiz.questions, locale);
  }
}
