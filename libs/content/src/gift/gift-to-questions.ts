import { parse, type Category, type GIFTQuestion, type NumericalChoice, type NumericalFormat, type TextFormat } from 'gift-pegjs';

/** A question in the module document's shape, before it is validated like an authored one. */
export interface GiftQuestion {
  key: string;
  type: 'single' | 'multiple' | 'truefalse' | 'short' | 'numeric';
  prompt: string;
  options?: { key: string; text: string; correct: boolean; weight?: number; feedback?: string }[];
  answer?: boolean | number | null;
  tolerance?: number;
  ranges?: { min: number; max: number }[];
  accept?: string[];
  feedback?: { correct?: string; incorrect?: string };
}

export interface GiftResult {
  questions: GiftQuestion[];
  /** Author-facing problems; a syntax error names its line and column. */
  errors: string[];
}

const REFUSED: Record<string, string> = {
  Essay: 'essay questions cannot be graded automatically',
  Matching: 'matching questions are not supported',
  Description: 'a description is not a question (put the text in a lesson)',
};

/**
 * Converts Moodle GIFT into document questions. A `::title::` becomes the question key (untitled
 * questions are q1, q2… by position) and options are keyed a, b, c… in the order written.
 */
export function giftToQuestions(source: string): GiftResult {
  let parsed: GIFTQuestion[];
  try {
    parsed = parse(source.replace(/\r\n?/g, '\n'));
  } catch (error) {
    const { location, message } = error as { location?: { start: { line: number; column: number } }; message: string };
    const where = location ? `line ${location.start.line}, column ${location.start.column}: ` : '';
    return { questions: [], errors: [`GIFT syntax error at ${where}${message}`] };
  }
  const questions: GiftQuestion[] = [];
  const errors: string[] = [];
  let position = 0;
  for (const question of parsed) {
    if (question.type === 'Category') continue;
    position += 1;
    const key = question.title?.trim() || `q${position}`;
    const refused = REFUSED[question.type];
    if (refused) {
      errors.push(`question "${key}": ${refused}`);
      continue;
    }
    if (question.hasEmbeddedAnswers) {
      errors.push(`question "${key}": missing-word questions (answers inside the sentence) are not supported`);
      continue;
    }
    const converted = convert(key, question);
    if (typeof converted === 'string') errors.push(`question "${key}": ${converted}`);
    else questions.push(converted);
  }
  return { questions, errors };
}

function convert(key: string, question: Exclude<GIFTQuestion, Category>): GiftQuestion | string {
  const prompt = text(question.stem);
  const general = 'globalFeedback' in question ? optionalText(question.globalFeedback) : undefined;
  switch (question.type) {
    case 'MC': {
      const weighted = question.choices.some((choice) => choice.weight !== null);
      return {
        key,
        type: weighted ? 'multiple' : 'single',
        prompt,
        options: question.choices.map((choice, index) => {
          // In a weighted question `=answer` means full credit and `~answer` none.
          const weight = weighted ? (choice.weight ?? (choice.isCorrect ? 100 : 0)) : undefined;
          return {
            key: optionKey(index),
            text: text(choice.text),
            correct: weight === undefined ? choice.isCorrect : weight > 0,
            ...(weight === undefined ? {} : { weight }),
            ...(choice.feedback ? { feedback: text(choice.feedback) } : {}),
          };
        }),
        ...feedbackOf(general, general),
      };
    }
    case 'TF':
      // GIFT's `{T#first#second}`: the first feedback is shown after a wrong answer, the second after a right one.
      return {
        key,
        type: 'truefalse',
        prompt,
        answer: question.isTrue,
        ...feedbackOf(optionalText(question.falseFeedback) ?? general, optionalText(question.trueFeedback) ?? general),
      };
    case 'Short': {
      if (question.choices.some((choice) => choice.weight !== null && choice.weight !== 100)) {
        return 'partial credit (%n%) on short answers is not supported: list only fully right answers';
      }
      const accepted = question.choices.filter((choice) => choice.isCorrect || choice.weight === 100);
      const firstFeedback = accepted.find((choice) => choice.feedback)?.feedback;
      return {
        key,
        type: 'short',
        prompt,
        accept: accepted.map((choice) => text(choice.text)),
        ...feedbackOf(optionalText(firstFeedback) ?? general, general),
      };
    }
    case 'Numerical': {
      const result = numeric(key, prompt, question.choices);
      return typeof result === 'string' ? result : { ...result, ...feedbackOf(general, general) };
    }
    default:
      return `${question.type} questions are not supported`;
  }
}

/**
 * The first fully right `answer:tolerance` becomes answer/tolerance; every other right answer
 * (and any `low..high`) becomes a range, so all of them are graded as right.
 */
function numeric(
  key: string,
  prompt: string,
  choices: NumericalChoice[] | NumericalFormat,
): GiftQuestion | string {
  const list = Array.isArray(choices) ? choices : [{ isCorrect: true, weight: null, text: choices, feedback: null }];
  if (list.some((choice) => choice.weight !== null && choice.weight !== 100 && choice.weight > 0)) {
    return 'partial credit (%n%) on numeric answers is not supported: list only fully right answers';
  }
  const right = list.filter((choice) => choice.isCorrect || choice.weight === 100).map((choice) => choice.text);
  let answer: number | null = null;
  let tolerance = 0;
  const ranges: { min: number; max: number }[] = [];
  for (const value of right) {
    if (value.type === 'high-low') {
      ranges.push({ min: value.numberLow!, max: value.numberHigh! });
    } else if (answer === null) {
      answer = value.number!;
      tolerance = value.range ?? 0;
    } else {
      ranges.push({ min: value.number! - (value.range ?? 0), max: value.number! + (value.range ?? 0) });
    }
  }
  return {
    key,
    type: 'numeric',
    prompt,
    answer,
    tolerance,
    ...(ranges.length ? { ranges } : {}),
  };
}

const optionKey = (index: number) =>
  index < 26 ? String.fromCharCode(97 + index) : `o${index + 1}`;

const text = (format: TextFormat) => format.text.trim();

const optionalText = (format: TextFormat | null | undefined) => (format?.text.trim() ? format.text.trim() : undefined);

function feedbackOf(correct: string | undefined, incorrect: string | undefined): Pick<GiftQuestion, 'feedback'> {
  if (!correct && !incorrect) return {};
  return { feedback: { ...(correct ? { correct } : {}), ...(incorrect ? { incorrect } : {}) } };
}
