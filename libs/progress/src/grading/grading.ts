import { Locale, localize, LocalizedText } from '@greenlight/common';
import type { NumericAnswer, NumericQuestion, QuizItem, ShortQuestion, SnapshotQuestion } from '@greenlight/course';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';

/**
 * What a member may send for one question: an option id, several, true/false, a text, a number, or
 * for a matching question `{itemId: choiceId}`.
 */
export type Answer = string | string[] | boolean | number | Record<string, string> | null;

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
const RIGHT_SLACK = 1e-6;

/**
 * Grades an attempt against the quiz's answer key as Moodle grades it: single-choice gives the chosen
 * option's credit (partial credit by weight); multiple scores the share of correct choices minus wrong
 * ones, floored at 0, or the sum of GIFT weights when the options carry them; short and numeric give the
 * credit of the first accepted answer that matches (wildcards, tolerances, ranges); matching the share
 * of items matched right. Descriptions are not graded; unanswered questions are wrong. Answers to
 * questions the quiz does not have, or of the wrong shape, are refused with every problem listed.
 */
export function gradeAttempt(quiz: QuizItem, answers: Record<string, Answer>, locale: Locale): GradedAttempt {
  const errors = answerErrors(quiz, answers);
  if (errors.length) {
    throw new ProgressException(ProgressExceptionCode.InvalidAnswers, 'The answers do not fit this quiz', errors);
  }
  const compare: TextComparison = { ignoreAccents: quiz.grading?.ignoreAccents ?? false };
  // Descriptions are text between questions: shown, never graded (Moodle gives them no marks).
  const graded = quiz.questions.filter((question): question is Graded => question.type !== 'description');
  const results = graded.map((question) => gradeQuestion(question, answers[question.id] ?? null, locale, compare));
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
    case 'matching': {
      if (typeof answer !== 'object' || Array.isArray(answer)) return 'expected {itemId: choiceId}';
      const items = new Set(question.pairs.map((pair) => pair.id));
      const choices = new Set(question.choices.map((choice) => choice.id));
      for (const [itemId, choiceId] of Object.entries(answer)) {
        if (!items.has(itemId)) return `${itemId} is not an item of this question`;
        if (typeof choiceId !== 'string' || !choices.has(choiceId)) return `${itemId}: not a choice of this question`;
      }
      return null;
    }
    case 'description':
      return 'this is text between questions, not a question';
  }
}

type Graded = Exclude<SnapshotQuestion, { type: 'description' }>;

function gradeQuestion(question: Graded, answer: Answer, locale: Locale, compare: TextComparison): QuestionResult {
  const { credit: raw, chosenFeedback } = creditFor(question, answer, compare);
  // Moodle's line between right and partly right: weights of 33.33333% three times are full credit.
  const correct = raw > 1 - RIGHT_SLACK;
  const credit = correct ? 1 : raw;
  // The matching answer's feedback, then the question's right/wrong feedback, then its general feedback.
  const texts = [
    ...chosenFeedback,
    correct ? question.feedback?.correct : question.feedback?.incorrect,
    question.generalFeedback,
  ];
  const feedback = texts
    .flatMap((text) => (text === undefined ? [] : [localize(text, locale).trim()]))
    .filter(Boolean)
    .join(' ');
  return { questionId: question.id, correct, credit, ...(feedback ? { feedback } : {}) };
}

interface Credit {
  credit: number;
  chosenFeedback: LocalizedText[];
}

const feedbackOf = (entry: { feedback?: LocalizedText }) => (entry.feedback !== undefined ? [entry.feedback] : []);

function creditFor(question: Graded, answer: Answer, compare: TextComparison): Credit {
  const none = { credit: 0, chosenFeedback: [] };
  if (answer === null) return none;
  switch (question.type) {
    case 'single': {
      const chosen = question.options.find((o) => o.id === answer);
      if (!chosen) return none;
      const credit = chosen.weight !== undefined ? clamp(chosen.weight / 100) : chosen.correct ? 1 : 0;
      return { credit, chosenFeedback: feedbackOf(chosen) };
    }
    case 'multiple': {
      const picked = new Set(answer as string[]);
      const chosen = question.options.filter((o) => picked.has(o.id));
      const chosenFeedback = chosen.flatMap(feedbackOf);
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
    case 'short':
      return shortCredit(question, String(answer), compare);
    case 'numeric':
      return numericCredit(question, typeof answer === 'number' ? answer : parseNumber(String(answer)));
    case 'matching': {
      const given = answer as Record<string, string>;
      const right = question.pairs.filter((pair) => given[pair.id] === pair.choiceId).length;
      return { credit: question.pairs.length ? right / question.pairs.length : 0, chosenFeedback: [] };
    }
  }
}

/** Moodle's rule: the accepted answers are tried in order and the first that matches counts. */
function shortCredit(question: ShortQuestion, typed: string, compare: TextComparison): Credit {
  const given = normaliseText(typed, compare);
  if (!given) return { credit: 0, chosenFeedback: [] };
  for (const entry of question.accept) {
    const accepted = typeof entry === 'object' && 'text' in entry ? entry : { text: entry };
    const texts = typeof accepted.text === 'string' ? [accepted.text] : Object.values(accepted.text);
    if (texts.some((text) => text !== undefined && wildcardMatches(normaliseText(text, compare), given))) {
      return { credit: clamp((accepted.weight ?? 100) / 100), chosenFeedback: feedbackOf(accepted) };
    }
  }
  return { credit: 0, chosenFeedback: [] };
}

/** The graded answers first, in order (the first that holds counts), then the fully right answer and ranges. */
function numericCredit(question: NumericQuestion, given: number | null): Credit {
  if (given === null || !Number.isFinite(given)) return { credit: 0, chosenFeedback: [] };
  const slack = EPSILON * Math.max(1, Math.abs(given));
  const holds = (answer: NumericAnswer) =>
    'value' in answer
      ? Math.abs(given - answer.value) <= answer.tolerance + slack
      : given >= answer.min - slack && given <= answer.max + slack;
  const matched = (question.answers ?? []).find(holds);
  if (matched) return { credit: clamp((matched.weight ?? 100) / 100), chosenFeedback: feedbackOf(matched) };
  const near = question.answer !== null && holds({ value: question.answer, tolerance: question.tolerance });
  const inRange = (question.ranges ?? []).some(holds);
  if (near || inRange) return { credit: 1, chosenFeedback: [] };
  return { credit: 0, chosenFeedback: question.otherwiseFeedback !== undefined ? [question.otherwiseFeedback] : [] };
}

/**
 * `*` (a run of them) matches any text, `\*` is a star, as in Moodle's short answers. Matched piece by
 * piece from both ends with plain searches, so no pattern can make it slow.
 */
export function wildcardMatches(pattern: string, text: string): boolean {
  const pieces = pattern.split(/(?<!\\)\*+/).map((piece) => piece.replace(/\\\*/g, '*'));
  if (pieces.length === 1) return pieces[0] === text;
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let cursor = first.length;
  const end = text.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, cursor);
    if (found === -1 || found + piece.length > end) return false;
    cursor = found + piece.length;
  }
  return true;
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
