import { Injectable } from '@nestjs/common';
import { Locale } from '@greenlight/common';
import { Answer, gradeAttempt } from '@greenlight/progress/grading';
import type { ModuleSnapshot } from '../catalog-reader/module-snapshot';
import { CatalogService } from '../catalog/catalog.service';
import { draftSnapshot } from '../catalog/draft';
import { moduleView } from '../catalog/module-views';
import { CourseException, CourseExceptionCode } from '../course.exception';

/**
 * The draft as a member would meet it, for staff to try before publishing: the same view as
 * GET /api/modules/:slug and the same grading as a real attempt, with nothing recorded and no one enrolled.
 */
@Injectable()
export class PreviewService {
  constructor(private readonly catalog: CatalogService) {}

  /** The learning view of the draft for one track (a module without tracks: everything). */
  async view(slug: string, track: string | undefined, locale: Locale) {
    const snapshot = draftSnapshot(await this.catalog.findModule(slug));
    const chosen = chosenTrack(snapshot, track);
    const units = snapshot.units.filter(
      (unit) => !unit.tracks.length || (chosen !== null && unit.tracks.includes(chosen)),
    );
    return { ...moduleView({ ...snapshot, units }, 'draft', { locale }), track: chosen };
  }

  /** Grades answers against the draft's quiz, as a member's attempt would be graded; stores nothing. */
  async grade(slug: string, itemId: string, answers: Record<string, Answer>, locale: Locale) {
    const snapshot = draftSnapshot(await this.catalog.findModule(slug));
    const quiz = snapshot.units.flatMap((unit) => unit.items).find((item) => item.id === itemId);
    if (quiz?.kind !== 'quiz') {
      throw new CourseException(CourseExceptionCode.ItemNotFound, `The draft of "${slug}" has no quiz ${itemId}`);
    }
    const graded = gradeAttempt(quiz, answers, locale);
    return {
      score: graded.score,
      passed: graded.passed,
      passMark: quiz.passMark,
      results: graded.results.map(({ questionId, correct, feedback }) => ({
        questionId,
        correct,
        ...(feedback ? { feedback } : {}),
      })),
    };
  }
}

function chosenTrack(snapshot: ModuleSnapshot, track: string | undefined): string | null {
  const keys = snapshot.tracks.map((t) => t.key);
  if (!keys.length) return null;
  if (track !== undefined && keys.includes(track)) return track;
  throw new CourseException(CourseExceptionCode.InvalidTrack, 'Choose the track to preview', [
    `track: must be one of ${keys.join(', ')}`,
  ]);
}
