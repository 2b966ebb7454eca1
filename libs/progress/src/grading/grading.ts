import { Locale, localize, LocalizedText } from '@greenlight/common';
import type { QuizItem, SnapshotQuestion } from '@greenlight/course';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';

/** What a member may send for one question: an option id, several, true/false, a text or a number. */
export type Answer = string | string[] | boolean | number | null;

export interface QuestionResult {
  questionId: string;
  correct: boolean;
  /** 0–1; only `multiple` questions score in between. Kept for reports, not sent to the member. */
  credit: number;
  feedback?: string;
}

export interface GradedAttempt {
  /** 0–100, two decimals. */
  score: number;
  passed: boolean;
  results: QuestionResult[];
}

/** Floating-point slack for numeric answers: 7.2 − 7.1 is 0.10000000000000053, still within ±0.1. */
const EPSILON = 1e-9;

/**
 * Grades an attempt against the quiz's answer key (API.md): single, true/false, short and numeric are
 * right or wrong; multiple scores the share of correct choices minus wrong ones, floored at 0, or the
 * sum of GIFT weights when the options carry them. Unanswered questions are wrong. Answers to questions
 * the quiz does not have, or of the wrong shape, are refused with every problem listed.
 */
export function gradeAttempt(quiz: QuizItem, answers: Record<string, Answer>, locale: Locale): GradedAttempt {
  const errors = answerErrors(quiz, answers);
  if (errors.length) {
    throw new ProgressException(ProgressExceptionCode.InvalidAnswers, 'The answers do not fit this quiz', errors);
  }
  const compare: TextComparison = { ignoreAccents: quiz.grading?.ignoreAccents ?? false };
  const results = quiz.questions.map((question) =>
    gradeQuestion(question, answers[question.id] ?? null, locale, compare),
  );
  const mean = results.length ? results.reduce((sum, r) => sum + r.credit, 0) / results.length : 1;
  const score = Math.round(mean * 10_000) / 100;
  return { score, passed: score >= quiz.passMark, results };
}

function answerErrors(quiz: QuizItem, answers: Record<string, Answer>): string[] {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const errors: string[] = [];
  for (const [questionId, answer] of Object.entries(answers)) {
    const question = byId.get(questionId);
    if (!question) {
      errors.push(`answers.${questionId}: this quiz has no such question`);
      continue;
    }
    if (answer === null) continue;
    const problem = shapeProblem(question, answer);
    if (problem) errors.push(`answers.${questionId}: ${problem}`);
  }
  return errors;
}

function shapeProblem(question: SnapshotQuestion, answer: Exclude<Answer, null>): string | null {
  switch (question.type) {
    case 'single': {
      if (typeof answer !== 'string') return 'expected one option id';
      return question.options.some((o) => o.id === answer) ? null : 'not an option of this question';
    }
    case 'multiple': {
      if (!Array.isArray(answer) || answer.some((a) => typeof a !== 'string')) return 'expected a list of option ids';
      const ids = new Set(question.options.map((o) => o.id));
      return answer.every((a) => ids.has(a)) ? null : 'not an option of this question';
    }
    case 'truefalse':
      return typeof answer === 'boolean' ? null : 'expected true or false';
    case 'short':
      return typeof answer === 'string' ? null : 'expected a text';
    case 'numeric':
      return typeof answer === 'number' || (typeof answer === 'string' && parseNumber(answer) !== null)
        ? null
        : 'expected a number';
  }
}

function gradeQuestion(
  question: SnapshotQuestion,
  answer: Answer,
  locale: Locale,
  compare: TextComparison,
): QuestionResult {
  const { credit, chosenFeedback } = creditFor(question, answer, compare);
  const correct = credit >= 1 - EPSILON;
  const texts = [...chosenFeedback];
  const general = correct ? question.feedback?.correct : question.feedback?.incorrect;
  if (general !== undefined) texts.push(general);
  const feedback = texts
    .map((text) => localize(text, locale).trim())
    .filter(Boolean)
    .join(' ');
  return { questionId: question.id, correct, credit, ...(feedback ? { feedback } : {}) };
}

function creditFor(
  question: SnapshotQuestion,
  answer: Answer,
  compare: TextComparison,
): { credit: number; chosenFeedback: LocalizedText[] } {
  const none = { credit: 0, chosenFeedback: [] };
  if (answer === null) return none;
  switch (question.type) {
    case 'single': {
      const chosen = question.options.find((o) => o.id === answer);
      if (!chosen) return none;
      return { credit: chosen.correct ? 1 : 0, chosenFeedback: chosen.feedback ? [chosen.feedback] : [] };
    }
    case 'multiple': {
      const picked = new Set(answer as string[]);
      const chosen = question.options.filter((o) => picked.has(o.id));
      const chosenFeedback = chosen.flatMap((o) => (o.feedback ? [o.feedback] : []));
      const weighted = question.options.some((o) => o.weight !== undefined);
      if (weighted) {
        const total = chosen.reduce((sum, o) => sum + (o.weight ?? 0), 0) / 100;
        return { credit: clamp(total), chosenFeedback };
      }
      const correctCount = question.options.filter((o) => o.correct).length;
      if (correctCount === 0) return { credit: 0, chosenFeedback };
      const right = chosen.filter((o) => o.correct).length;
      const wrong = chosen.length - right;
      return { credit: clamp((right - wrong) / correctCount), chosenFeedback };
    }
    case 'truefalse':
      return { credit: answer === question.answer ? 1 : 0, chosenFeedback: [] };
    case 'short': {
      const given = normaliseText(String(answer), compare);
      if (!given) return none;
      const accepted = question.accept.flatMap((text) => (typeof text === 'string' ? [text] : Object.values(text)));
      return {
        credit: accepted.some((a) => a !== undefined && normaliseText(a, compare) === given) ? 1 : 0,
        chosenFeedback: [],
      };
    }
    case 'numeric': {
      const given = typeof answer === 'number' ? answer : parseNumber(String(answer));
      if (given === null || !Number.isFinite(given)) return none;
      const slack = EPSILON * Math.max(1, Math.abs(given));
      const near = question.answer !== null && Math.abs(given - question.answer) <= question.tolerance + slack;
      const inRange = (question.ranges ?? []).some((r) => given >= r.min - slack && given <= r.max + slack);
      return { credit: near || inRange ? 1 : 0, chosenFeedback: [] };
    }
  }
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/** How typed answers compare; see the module document's `grading`. */
export interface TextComparison {
  ignoreAccents: boolean;
}

/** Ligatures a French keyboard without them is typed as two letters. */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae' };

/**
 * Case and spacing do not matter: "  Gap   FINANCING " is "gap financing". With `ignoreAccents`,
 * neither do accents nor œ/æ: "Financement Prôvisoire" is "financement provisoire".
 */
export function normaliseText(text: string, compare: TextComparison = { ignoreAccents: false }): string {
  const plain = text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  if (!compare.ignoreAccents) return plain;
  return plain
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œæ]/g, (ligature) => LIGATURES[ligature]);
}

/** A number typed as text, with a comma or a point as the decimal mark ("7,1" is 7.1). */
function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  return Number(cleaned);
}
