import { parseGift, type GiftFormat, type ParsedGift } from './gift-parser';

type Text = string;

type NumericValue = { value: number; tolerance: number } | { min: number; max: number };

/** A question in the module document's shape, before it is validated like an authored one. */
export interface GiftQuestion {
  key: string;
  type: 'single' | 'multiple' | 'truefalse' | 'short' | 'numeric' | 'matching' | 'description';
  prompt: Text;
  format: GiftFormat;
  options?: { key: string; text: Text; correct: boolean; weight?: number; feedback?: Text }[];
  answer?: boolean | number | null;
  tolerance?: number;
  answers?: (NumericValue & { weight?: number; feedback?: Text })[];
  otherwiseFeedback?: Text;
  accept?: (Text | { text: Text; weight?: number; feedback?: Text })[];
  pairs?: { key: string; left: Text; right: Text }[];
  distractors?: Text[];
  feedback?: { correct?: Text; incorrect?: Text };
  generalFeedback?: Text;
}

export interface GiftResult {
  questions: GiftQuestion[];
  /** The line each question starts on, by index in `questions`. */
  lines: number[];
  /** Author-facing problems that refuse the text; a syntax error names its line and column. */
  errors: string[];
  /** What was imported differently from what was written (skipped essays, renamed duplicate titles). */
  warnings: string[];
}

/** Keys follow the module document's rule (at most 100 characters). */
const KEY_LENGTH = 100;

/**
 * Converts Moodle GIFT into document questions. A `::title::` becomes the question key (untitled
 * questions are q1, q2… by position; a repeated title gets -2, -3… with a warning) and options are
 * keyed a, b, c… in the order written. Essays need grading by hand: they are skipped with a warning.
 */
export function giftToQuestions(source: string): GiftResult {
  const parsed = parseGift(source);
  const result: GiftResult = {
    questions: [],
    lines: [],
    errors: parsed.errors.map((e) => `GIFT syntax error at line ${e.line}, column ${e.column}: ${e.message}`),
    warnings: [],
  };
  const used = new Set<string>();
  parsed.questions.forEach((question, index) => {
    const key = uniqueKey(question, index + 1, used, result.warnings);
    if (question.kind === 'essay') {
      result.warnings.push(`line ${question.line}: essay question "${key}" skipped (essays need grading by hand)`);
      return;
    }
    result.questions.push(convert(key, question));
    result.lines.push(question.line);
  });
  return result;
}

function uniqueKey(question: ParsedGift, position: number, used: Set<string>, warnings: string[]): string {
  let base = question.title?.trim() || `q${position}`;
  if (base.length > KEY_LENGTH) {
    base = base.slice(0, KEY_LENGTH).trimEnd();
    warnings.push(`line ${question.line}: the title is longer than ${KEY_LENGTH} characters; the key is "${base}"`);
  }
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base.slice(0, KEY_LENGTH - String(n).length - 1).trimEnd()}-${n}`;
  if (key !== base) {
    warnings.push(`line ${question.line}: the title "${base}" is already used by an earlier question; this one is keyed "${key}"`);
  }
  used.add(key);
  return key;
}

/** Moodle fractions (0.5) as document weights (50), without float noise. */
const percent = (fraction: number) => Math.round(fraction * 100 * 1e6) / 1e6;

const optionKey = (index: number) => (index < 26 ? String.fromCharCode(97 + index) : `o${index + 1}`);

const present = <K extends string>(key: K, text: string): Partial<Record<K, string>> =>
  (text ? { [key]: text } : {}) as Partial<Record<K, string>>;

function convert(key: string, question: Exclude<ParsedGift, { kind: 'essay' }>): GiftQuestion {
  const base = { key, prompt: question.text.text, format: question.text.format };
  const general = present('generalFeedback', question.generalFeedback);
  switch (question.kind) {
    case 'description':
      return { ...base, type: 'description' };
    case 'choice':
      return {
        ...base,
        type: question.single ? 'single' : 'multiple',
        options: question.answers.map((answer, index) => {
          const weight = percent(answer.fraction);
          // In a single-choice question `=` is the right option and any other weight partial credit;
          // in a multiple-answer one every option carries its weight.
          const weighted = question.single ? weight !== 100 && weight !== 0 : true;
          return {
            key: optionKey(index),
            text: answer.text,
            correct: weight > 0 && (!question.single || weight === 100),
            ...(weighted ? { weight } : {}),
            ...present('feedback', answer.feedback),
          };
        }),
        ...general,
      };
    case 'truefalse': {
      const feedback = { ...present('correct', question.rightFeedback), ...present('incorrect', question.wrongFeedback) };
      return {
        ...base,
        type: 'truefalse',
        answer: question.answer,
        ...(Object.keys(feedback).length ? { feedback } : {}),
        ...general,
      };
    }
    case 'short':
      return {
        ...base,
        type: 'short',
        accept: question.answers.map((answer) => {
          const weight = percent(answer.fraction);
          if (weight === 100 && !answer.feedback) return answer.text;
          return { text: answer.text, ...(weight === 100 ? {} : { weight }), ...present('feedback', answer.feedback) };
        }),
        ...general,
      };
    case 'numerical':
      return {
        ...base,
        type: 'numeric',
        answer: null,
        tolerance: 0,
        answers: question.answers.map(({ fraction, feedback, ...value }) => {
          const weight = percent(fraction);
          return { ...value, ...(weight === 100 ? {} : { weight }), ...present('feedback', feedback) };
        }),
        ...present('otherwiseFeedback', question.otherwiseFeedback),
        ...general,
      };
    case 'matching': {
      // Moodle's `= -> extra` (an empty left side) is a right-hand choice that matches nothing.
      const pairs = question.pairs.filter((pair) => pair.left);
      const distractors = question.pairs.filter((pair) => !pair.left).map((pair) => pair.right);
      return {
        ...base,
        type: 'matching',
        pairs: pairs.map((pair, index) => ({ key: optionKey(index), left: pair.left, right: pair.right })),
        ...(distractors.length ? { distractors } : {}),
        ...general,
      };
    }
  }
}
