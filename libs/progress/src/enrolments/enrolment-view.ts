import { Locale, localize } from '@greenlight/common';
import type { ModuleSnapshot } from '@greenlight/course';
import type { EnrolmentRecord } from './enrolment.repository';
import { NO_STANDING, QuizStanding } from '../quizzes/quiz-standing';
import { unitsForTrack } from './track-items';

/** Where a member stands on one quiz, so the page can say "2 attempts left" or "passed". */
export function percentOf(completedItems: number, totalItems: number, completed: boolean): number {
  if (totalItems === 0) return completed ? 100 : 0;
  // Rounded down, so 100% only ever means everything is done.
  return Math.floor((completedItems * 100) / totalItems);
}

/**
 * API.md's `enrolment`, read from the version the member is pinned to. Built field by field: the
 * snapshot holds the answer key, and none of it may reach a member.
 */
export function enrolmentView(
  enrolment: EnrolmentRecord,
  snapshot: ModuleSnapshot,
  completed: Set<string>,
  quizzes: Map<string, QuizStanding>,
  locale: Locale,
  /** Whether enrolling again now starts a renewal (decided by `isRenewable`; false while work goes on). */
  renewable = false,
) {
  const isCompleted = enrolment.status === 'completed';
  return {
    id: enrolment.id,
    memberId: enrolment.memberId,
    module: {
      id: snapshot.moduleId,
      slug: snapshot.slug,
      title: localize(snapshot.title, locale),
      version: enrolment.version,
      certificate: { enabled: snapshot.certificate.enabled, cpdHours: snapshot.certificate.cpdHours },
      // The deadline of the version the member is on: members in progress see it before it passes.
      closesAt: snapshot.closesAt,
    },
    track: enrolment.track,
    status: enrolment.status,
    renewalOf: enrolment.renewalOf,
    current: enrolment.current,
    renewable,
    enrolledAt: new Date(enrolment.enrolledAt).toISOString(),
    completedAt: enrolment.completedAt ? new Date(enrolment.completedAt).toISOString() : null,
    progress: {
      completedItems: enrolment.completedItems,
      totalItems: enrolment.totalItems,
      percent: percentOf(enrolment.completedItems, enrolment.totalItems, isCompleted),
    },
    units: unitsForTrack(snapshot, enrolment.track).map((unit) => ({
      id: unit.id,
      key: unit.key,
      title: localize(unit.title, locale),
      completed: unit.items.every((item) => completed.has(item.id)),
      items: unit.items.map((item) => {
        const base = {
          id: item.id,
          key: item.key,
          kind: item.kind,
          title: localize(item.title, locale),
          completed: completed.has(item.id),
        };
        if (item.kind !== 'quiz') return base;
        const standing = quizzes.get(item.id) ?? NO_STANDING;
        return {
          ...base,
          quiz: {
            attempts: standing.attempts,
            attemptsLeft: attemptsLeft(
              item.maxAttempts === null ? null : item.maxAttempts + (standing.extra ?? 0),
              standing,
            ),
            passed: standing.passed,
            bestScore: standing.bestScore,
          },
        };
      }),
    })),
  };
}

export type EnrolmentView = ReturnType<typeof enrolmentView>;

/** null = unlimited; 0 once passed, since a passed quiz takes no more attempts. */
export function attemptsLeft(maxAttempts: number | null, standing: Pick<QuizStanding, 'attempts' | 'passed'>) {
  if (standing.passed) return 0;
  if (maxAttempts === null) return null;
  return Math.max(0, maxAttempts - standing.attempts);
}
