import type { QuizItem, SnapshotOption, SnapshotQuestion } from '@greenlight/course';
import { ProgressException } from '../progress.exception';
import { Answer, gradeAttempt, normaliseText, wildcardMatches } from './grading';

const option = (id: string, correct: boolean, extra: Partial<SnapshotOption> = {}): SnapshotOption => ({
  id,
  key: id,
  text: id,
  correct,
  ...extra,
});

const QUESTIONS: Record<string, SnapshotQuestion> = {
  single: {
    id: 'single',
    key: 'single',
    type: 'single',
    prompt: 'Which?',
    feedback: { correct: 'Well done.', incorrect: { en: 'Read unit 1 again.', fr: 'Relisez l’unité 1.' } },
    options: [option('s-a', true, { feedback: 'Yes, banks lend.' }), option('s-b', false, { feedback: 'No.' })],
  },
  multiple: {
    id: 'multiple',
    key: 'multiple',
    type: 'multiple',
    prompt: 'Which ones?',
    options: [option('m-a', true), option('m-b', true), option('m-c', false), option('m-d', false)],
  },
  weighted: {
    id: 'weighted',
    key: 'weighted',
    type: 'multiple',
    prompt: 'Weighted?',
    options: [
      option('w-a', true, { weight: 50 }),
      option('w-b', true, { weight: 50 }),
      option('w-c', false, { weight: -100 }),
      option('w-d', false, { weight: 0 }),
    ],
  },
  truefalse: { id: 'truefalse', key: 'truefalse', type: 'truefalse', prompt: 'True?', answer: true },
  short: {
    id: 'short',
    key: 'short',
    type: 'short',
    prompt: 'Name it',
    accept: ['interim financing', { en: 'gap financing', fr: 'financement provisoire' }],
  },
  numeric: { id: 'numeric', key: 'numeric', type: 'numeric', prompt: 'How much?', answer: 7.1, tolerance: 0.1 },
  ranged: {
    id: 'ranged',
    key: 'ranged',
    type: 'numeric',
    prompt: 'Between?',
    answer: null,
    tolerance: 0,
    ranges: [{ min: 5, max: 10 }],
  },
};

function quizOf(questionIds: string[], passMark = 70): QuizItem {
  return {
    id: 'quiz',
    key: 'quiz',
    kind: 'quiz',
    title: 'Quiz',
    passMark,
    maxAttempts: 3,
    questions: questionIds.map((id) => QUESTIONS[id]),
  };
}

/** The credit one answer earns on one question, graded alone. */
function creditOf(questionId: string, answer: Answer | undefined): number {
  const answers = answer === undefined ? {} : { [questionId]: answer };
  return gradeAttempt(quizOf([questionId]), answers, 'en').results[0].credit;
}

describe('gradeAttempt', () => {
  describe.each<[string, string, Answer | undefined, number]>([
    ['single: the correct option', 'single', 's-a', 1],
    ['single: a wrong option', 'single', 's-b', 0],
    ['single: unanswered', 'single', undefined, 0],
    ['single: null', 'single', null, 0],
    ['multiple: every correct option', 'multiple', ['m-a', 'm-b'], 1],
    ['multiple: half of the correct options', 'multiple', ['m-a'], 0.5],
    ['multiple: one right and one wrong cancel out', 'multiple', ['m-a', 'm-c'], 0],
    ['multiple: all right plus one wrong', 'multiple', ['m-a', 'm-b', 'm-c'], 0.5],
    ['multiple: only wrong ones floor at zero', 'multiple', ['m-c', 'm-d'], 0],
    ['multiple: everything ticked', 'multiple', ['m-a', 'm-b', 'm-c', 'm-d'], 0],
    ['multiple: a repeated id counts once', 'multiple', ['m-a', 'm-a'], 0.5],
    ['multiple: nothing ticked', 'multiple', [], 0],
    ['weighted: both 50% options', 'weighted', ['w-a', 'w-b'], 1],
    ['weighted: one 50% option', 'weighted', ['w-a'], 0.5],
    ['weighted: a −100% option wipes the credit', 'weighted', ['w-a', 'w-b', 'w-c'], 0],
    ['weighted: a 0% option costs nothing', 'weighted', ['w-a', 'w-b', 'w-d'], 1],
    ['truefalse: right', 'truefalse', true, 1],
    ['truefalse: wrong', 'truefalse', false, 0],
    ['short: exact', 'short', 'interim financing', 1],
    ['short: case does not matter', 'short', 'Interim FINANCING', 1],
    ['short: extra spaces do not matter', 'short', '  gap    financing ', 1],
    ['short: any language of an accepted answer', 'short', 'Financement provisoire', 1],
    ['short: a different answer', 'short', 'bridge loan', 0],
    ['short: blank', 'short', '   ', 0],
    ['numeric: exact', 'numeric', 7.1, 1],
    ['numeric: at the upper edge of the tolerance', 'numeric', 7.2, 1],
    ['numeric: at the lower edge of the tolerance', 'numeric', 7.0, 1],
    ['numeric: just outside the tolerance', 'numeric', 7.21, 0],
    ['numeric: typed as text with a decimal comma', 'numeric', '7,15', 1],
    ['numeric: inside a GIFT range', 'ranged', 10, 1],
    ['numeric: outside a GIFT range', 'ranged', 4.99, 0],
  ])('%s', (_name, questionId, answer, credit) => {
    it(`earns ${credit}`, () => expect(creditOf(questionId, answer)).toBeCloseTo(credit, 10));
  });

  it('scores the mean over questions, 0–100, and passes at the pass mark', () => {
    const quiz = quizOf(['single', 'multiple', 'truefalse', 'short'], 62.5);
    const graded = gradeAttempt(quiz, { single: 's-a', multiple: ['m-a'], short: 'nope' }, 'en');
    expect(graded.score).toBe(37.5);
    expect(graded.passed).toBe(false);
    const better = gradeAttempt(quiz, { single: 's-a', multiple: ['m-a'], truefalse: true, short: 'nope' }, 'en');
    expect(better.score).toBe(62.5);
    expect(better.passed).toBe(true);
  });

  it('rounds the score to two decimals', () => {
    const graded = gradeAttempt(quizOf(['single', 'truefalse', 'short']), { single: 's-a' }, 'en');
    expect(graded.score).toBe(33.33);
  });

  it('marks a partly right multiple-answer question as not correct', () => {
    const graded = gradeAttempt(quizOf(['multiple']), { multiple: ['m-a'] }, 'en');
    expect(graded.results[0]).toMatchObject({ questionId: 'multiple', correct: false });
  });

  it('gives the chosen option’s feedback and the question’s feedback in the caller’s language', () => {
    const right = gradeAttempt(quizOf(['single']), { single: 's-a' }, 'fr').results[0];
    expect(right.feedback).toBe('Yes, banks lend. Well done.');
    const wrong = gradeAttempt(quizOf(['single']), { single: 's-b' }, 'fr').results[0];
    expect(wrong.feedback).toBe('No. Relisez l’unité 1.');
    const none = gradeAttempt(quizOf(['truefalse']), { truefalse: false }, 'en').results[0];
    expect(none).not.toHaveProperty('feedback');
  });

  it.each<[string, Record<string, Answer>, string]>([
    ['an unknown question id', { nope: 's-a' }, 'answers.nope: this quiz has no such question'],
    ['an option of another question', { single: 'm-a' }, 'answers.single: not an option of this question'],
    ['a list for a single-choice question', { single: ['s-a'] }, 'answers.single: expected one option id'],
    ['a text for a multiple-answer question', { multiple: 'm-a' }, 'answers.multiple: expected a list of option ids'],
    ['a text for true/false', { truefalse: 'true' }, 'answers.truefalse: expected true or false'],
    ['a number for a short answer', { short: 7 }, 'answers.short: expected a text'],
    ['words for a number', { numeric: 'seven' }, 'answers.numeric: expected a number'],
  ])('refuses %s', (_name, answers, message) => {
    const quiz = quizOf(['single', 'multiple', 'truefalse', 'short', 'numeric']);
    let thrown: unknown;
    try {
      gradeAttempt(quiz, answers, 'en');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProgressException);
    expect((thrown as ProgressException).kind).toBe('invalid');
    expect((thrown as ProgressException).details).toEqual([message]);
  });
});

describe('Moodle question kinds', () => {
  const matching: SnapshotQuestion = {
    id: 'match',
    key: 'match',
    type: 'matching',
    prompt: 'Match',
    pairs: [
      { id: 'p-ca', key: 'a', left: 'Canada', right: 'Ottawa', choiceId: 'c-ott' },
      { id: 'p-it', key: 'b', left: 'Italy', right: 'Rome', choiceId: 'c-rom' },
    ],
    choices: [
      { id: 'c-ott', text: 'Ottawa' },
      { id: 'c-rom', text: 'Rome' },
      { id: 'c-par', text: 'Paris' },
    ],
    generalFeedback: 'Capitals.',
  };
  const description: SnapshotQuestion = { id: 'desc', key: 'desc', type: 'description', prompt: 'Read this.' };
  const quiz = (...questions: SnapshotQuestion[]): QuizItem => ({ ...quizOf([]), questions });

  it('gives a matching question the share of items matched right, with its general feedback', () => {
    const graded = gradeAttempt(quiz(matching), { match: { 'p-ca': 'c-ott', 'p-it': 'c-par' } }, 'en');
    expect(graded.results).toEqual([{ questionId: 'match', correct: false, credit: 0.5, feedback: 'Capitals.' }]);
    expect(gradeAttempt(quiz(matching), { match: { 'p-ca': 'c-ott', 'p-it': 'c-rom' } }, 'en').score).toBe(100);
  });

  it.each<[string, Answer, string]>([
    ['a list', ['c-ott'], 'answers.match: expected {itemId: choiceId}'],
    ['an unknown item', { nope: 'c-ott' }, 'answers.match: nope is not an item of this question'],
    ['an unknown choice', { 'p-ca': 'nope' }, 'answers.match: p-ca: not a choice of this question'],
  ])('refuses %s as a matching answer', (_name, answer, message) => {
    expect(() => gradeAttempt(quiz(matching), { match: answer }, 'en')).toThrow(ProgressException);
    try {
      gradeAttempt(quiz(matching), { match: answer }, 'en');
    } catch (error) {
      expect((error as ProgressException).details).toEqual([message]);
    }
  });

  it('leaves descriptions out of the results and the score, and refuses answers to them', () => {
    const graded = gradeAttempt(quiz(description, QUESTIONS.truefalse), { truefalse: true }, 'en');
    expect(graded.results.map((r) => r.questionId)).toEqual(['truefalse']);
    expect(graded.score).toBe(100);
    expect(() => gradeAttempt(quiz(description), { desc: 'x' }, 'en')).toThrow(ProgressException);
  });

  it('tries short answers in order: the first match gives its credit and feedback', () => {
    const short: SnapshotQuestion = {
      id: 's',
      key: 's',
      type: 'short',
      prompt: 'Loan?',
      accept: [
        { text: 'bridge loan', feedback: 'Exact.' },
        { text: '*loan', weight: 50, feedback: { en: 'A loan.', fr: 'Un prêt.' } },
        { text: '*', weight: 0, feedback: 'No.' },
      ],
    };
    const result = (typed: string) => gradeAttempt(quiz(short), { s: typed }, 'fr').results[0];
    expect(result('Bridge  Loan')).toMatchObject({ credit: 1, feedback: 'Exact.' });
    expect(result('gap loan')).toMatchObject({ credit: 0.5, feedback: 'Un prêt.' });
    expect(result('grant')).toMatchObject({ credit: 0, feedback: 'No.' });
  });

  it('gives single-choice partial credit by weight, never below zero', () => {
    const single: SnapshotQuestion = {
      id: 'p',
      key: 'p',
      type: 'single',
      prompt: 'Best?',
      options: [option('p-a', true), option('p-b', false, { weight: 50 }), option('p-c', false, { weight: -50 })],
    };
    expect(gradeAttempt(quiz(single), { p: 'p-b' }, 'en').results[0].credit).toBe(0.5);
    expect(gradeAttempt(quiz(single), { p: 'p-c' }, 'en').results[0].credit).toBe(0);
  });

  it('tries numeric answers in order, then the fully right answer, then shows the otherwise feedback', () => {
    const numeric: SnapshotQuestion = {
      id: 'n',
      key: 'n',
      type: 'numeric',
      prompt: 'Year?',
      answer: 1822,
      tolerance: 0,
      answers: [{ value: 1822, tolerance: 2, weight: 50, feedback: 'Close.' }],
      otherwiseFeedback: 'Far off.',
    };
    const result = (given: number) => gradeAttempt(quiz(numeric), { n: given }, 'en').results[0];
    expect(result(1823)).toMatchObject({ credit: 0.5, feedback: 'Close.' });
    // The answers come first, as in Moodle: 1822 meets the 50% answer before the fully right one.
    expect(result(1822)).toMatchObject({ credit: 0.5, feedback: 'Close.' });
    expect(result(1900)).toMatchObject({ credit: 0, feedback: 'Far off.' });
  });
});

describe('wildcardMatches', () => {
  it.each<[string, string, boolean]>([
    ['loan', 'loan', true],
    ['loan', 'loans', false],
    ['*loan', 'bridge loan', true],
    ['*loan*', 'a loan here', true],
    ['b*n', 'bridge loan', true],
    ['b*n', 'bridge loans', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['*', '', true],
    ['**x', 'yx', true],
    ['\\*', '*', true],
    ['\\*', 'x', false],
  ])('%s against %s: %s', (pattern, text, expected) => {
    expect(wildcardMatches(pattern, text)).toBe(expected);
  });

  it('stays fast on patterns that make backtracking matchers stall', () => {
    const started = Date.now();
    expect(wildcardMatches(`${'a*'.repeat(2000)}b`, 'a'.repeat(20_000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('grading in French, accent-insensitive where the module says so', () => {
  const french: SnapshotQuestion = {
    id: 'fr',
    key: 'fr',
    type: 'short',
    prompt: { en: 'Name it', fr: 'Nommez-le' },
    accept: [{ en: 'interim financing', fr: 'financement provisoire' }, 'cœur de métier'],
  };
  const quiz = (ignoreAccents: boolean | undefined): QuizItem => ({
    ...quizOf([]),
    questions: [french],
    ...(ignoreAccents === undefined ? {} : { grading: { ignoreAccents } }),
  });
  const credit = (ignoreAccents: boolean | undefined, typed: string) =>
    gradeAttempt(quiz(ignoreAccents), { fr: typed }, 'fr').results[0].credit;

  it.each([true, false, undefined])('always ignores case and spaces (ignoreAccents: %s)', (ignoreAccents) => {
    expect(credit(ignoreAccents, 'financement provisoire')).toBe(1);
    expect(credit(ignoreAccents, '  Financement   Provisoire ')).toBe(1);
  });

  it('accepts an answer typed without accents or ligatures when enabled', () => {
    expect(credit(true, 'Cœur de métier')).toBe(1);
    expect(credit(true, 'coeur de metier')).toBe(1);
    expect(credit(true, 'financement prôvisoire')).toBe(1);
    expect(credit(true, 'financement prévu')).toBe(0);
  });

  it('keeps accents significant when disabled or left out', () => {
    expect(credit(false, 'coeur de metier')).toBe(0);
    expect(credit(undefined, 'coeur de metier')).toBe(0);
    expect(credit(false, 'financement prôvisoire')).toBe(0);
  });
});

describe('normaliseText', () => {
  it('ignores case, surrounding spaces and runs of spaces', () => {
    expect(normaliseText('  Gap \t FINANCING ')).toBe('gap financing');
  });
  it('treats composed and decomposed accents alike', () => {
    expect(normaliseText('Cre\u0301dit')).toBe(normaliseText('Crédit'));
  });
});
