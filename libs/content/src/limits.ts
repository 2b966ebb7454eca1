/**
 * Bounds on a module document, so that every quiz accepted can be taken and passed (an attempt carries
 * at most one answer per question, and attempts are capped at MAX_QUESTIONS_PER_QUIZ answers), and so
 * that reading a document never holds the server up. The server and the web editor check the same ones
 * (through the schema); the whole request body is also capped at 1 MB (413).
 */
export const MAX_QUESTIONS_PER_QUIZ = 500;

export const DOCUMENT_LIMITS = {
  tracks: 20,
  units: 100,
  itemsPerUnit: 100,
  questionsPerQuiz: MAX_QUESTIONS_PER_QUIZ,
  optionsPerQuestion: 50,
  /** Accepted short answers, numeric ranges. */
  answersPerQuestion: 50,
  /** Titles of the module, tracks, units and items. */
  titleLength: 500,
  /** Any other text: summaries, prompts, options, feedback, a lesson's Markdown body. */
  textLength: 100_000,
  /** One GIFT text (per language), checked before it is parsed. */
  giftLength: 100_000,
  /** Answers (`=`, `~`) in one GIFT text, and in one of its questions, counted before it is parsed. */
  giftAnswers: 5_000,
} as const;

/**
 * What is wrong with a GIFT text's size, found in one pass without parsing it: its length, its number of
 * questions (answer blocks `{…}`) and of answers (`=` and `~` inside them). A parser given 300,000
 * options takes seconds; this takes microseconds and refuses it.
 */
export function giftSizeProblem(text: string): string | null {
  const limits = DOCUMENT_LIMITS;
  if (text.length > limits.giftLength) {
    return `the GIFT text is too long (${text.length} characters; at most ${limits.giftLength})`;
  }
  let depth = 0;
  let blocks = 0;
  let answers = 0;
  let inBlock = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === '{') {
      if (depth++ === 0) {
        blocks++;
        inBlock = 0;
      }
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
    } else if (depth > 0 && (c === '=' || c === '~')) {
      answers++;
      if (++inBlock > limits.optionsPerQuestion) {
        return `GIFT question ${blocks} has more than ${limits.optionsPerQuestion} answers`;
      }
    }
  }
  if (blocks > limits.questionsPerQuiz) {
    return `the GIFT text holds ${blocks} questions; a quiz holds at most ${limits.questionsPerQuiz}`;
  }
  if (answers > limits.giftAnswers) {
    return `the GIFT text holds ${answers} answers; at most ${limits.giftAnswers}`;
  }
  return null;
}
