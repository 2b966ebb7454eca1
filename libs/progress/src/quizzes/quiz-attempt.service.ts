import { Injectable } from '@nestjs/common';
import { AuthUser } from '@greenlight/auth';
import { Locale } from '@greenlight/common';
import { CatalogReader } from '@greenlight/course';
import { CompletionService } from '../enrolments/completion.service';
import { EnrolmentRepository } from '../enrolments/enrolment.repository';
import { EnrolmentService, itemNotFound } from '../enrolments/enrolment.service';
import { attemptsLeft } from '../enrolments/enrolment-view';
import { findTrackItem } from '../enrolments/track-items';
import { Answer, gradeAttempt, QuestionResult } from '../grading/grading';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';
import { QuizAttemptRepository } from './quiz-attempt.repository';

/** What the member sees of a graded question: right or wrong and the authored feedback, never the key. */
const publicResult = (r: QuestionResult) => ({
  questionId: r.questionId,
  correct: r.correct,
  ...(r.feedback ? { feedback: r.feedback } : {}),
});

@Injectable()
export class QuizAttemptService {
  constructor(
    private readonly enrolmentService: EnrolmentService,
    private readonly enrolments: EnrolmentRepository,
    private readonly attempts: QuizAttemptRepository,
    private readonly completion: CompletionService,
    private readonly catalog: CatalogReader,
  ) {}

  /** Grades on the server against the pinned version; a pass completes the item (and maybe the module). */
  async submit(user: AuthUser, enrolmentId: string, itemId: string, answers: Record<string, Answer>, locale: Locale) {
    return this.enrolments.transaction(async (manager) => {
      const locked = await this.enrolmentService.lockWritable(manager, user, enrolmentId);
      const snapshot = await this.catalog.getVersion(locked.moduleId, locked.version);
      const found = findTrackItem(snapshot, locked.track, itemId);
      if (!found) throw itemNotFound();
      const quiz = found.item;
      if (quiz.kind !== 'quiz') {
        throw new ProgressException(ProgressExceptionCode.WrongItemKind, 'This item is not a quiz');
      }
      const graded = gradeAttempt(quiz, answers, locale);
      const standing = await this.attempts.standing(manager, enrolmentId, itemId);
      if (standing.passed || standing.completed) {
        throw new ProgressException(ProgressExceptionCode.QuizAlreadyPassed, 'This quiz is already passed');
      }
      const allowed = quiz.maxAttempts === null ? null : quiz.maxAttempts + standing.extra;
      if (allowed !== null && standing.attempts >= allowed) {
        throw new ProgressException(ProgressExceptionCode.NoAttemptsLeft, 'No attempts are left for this quiz');
      }
      const attempt = await this.attempts.insert(manager, locked.moduleId, {
        enrolmentId,
        itemId,
        number: standing.attempts + 1,
        answers,
        results: graded.results,
        score: graded.score,
        passed: graded.passed,
      });
      const outcome = graded.passed
        ? await this.completion.record(manager, locked, snapshot, itemId, 'quiz', user.id)
        : { moduleCompleted: false };
      return {
        id: attempt.id,
        number: standing.attempts + 1,
        score: graded.score,
        passed: graded.passed,
        passMark: quiz.passMark,
        // The member's own answers, so the results can be read against them (never the answer key).
        answers,
        results: graded.results.map(publicResult),
        attemptsLeft: attemptsLeft(allowed, { attempts: standing.attempts + 1, passed: graded.passed }),
        moduleCompleted: outcome.moduleCompleted,
        createdAt: new Date(attempt.createdAt).toISOString(),
      };
    });
  }

  /** The member's (or, for staff, anyone's) past attempts at one quiz, as they were graded. */
  async list(user: AuthUser, enrolmentId: string, itemId: string) {
    await this.enrolmentService.readable(user, enrolmentId);
    const rows = await this.attempts.list(enrolmentId, itemId);
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      score: row.score,
      passed: row.passed,
      answers: row.answers,
      results: row.results.map(publicResult),
      createdAt: new Date(row.createdAt).toISOString(),
    }));
  }
}
