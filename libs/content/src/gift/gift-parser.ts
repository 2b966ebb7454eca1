/**
 * A GIFT reader that follows the rules of Moodle's importer (question/format/gift), written from its
 * documented behaviour: questions are separated by blank lines; `//` lines are comments; only
 * `::title::`, the first `{…}` answer block and the answer markers inside it are special (a lone `:`,
 * `=` or `#` in the question text is text); `\: \# \= \{ \} \~ \\ \n` are escapes. Every step is a
 * single scan over the text, so a file of any size is read in linear time.
 */

export type GiftFormat = 'moodle' | 'html' | 'plain' | 'markdown';

export interface GiftText {
  text: string;
  format: GiftFormat;
}

/** An answer with Moodle's fraction (1 = full credit, 0.5 = half, negative = penalty) and its feedback. */
export interface GiftAnswer {
  text: string;
  fraction: number;
  feedback: string;
}

export type GiftNumber = { value: number; tolerance: number } | { min: number; max: number };

interface Common {
  /** 1-based line of the question's first line. */
  line: number;
  title: string | null;
  text: GiftText;
  /** The answer block sat inside the sentence: the text holds `_____` where it was. */
  missingWord: boolean;
  generalFeedback: string;
}

export type ParsedGift =
  | (Common & { kind: 'description' })
  | (Common & { kind: 'essay' })
  | (Common & { kind: 'truefalse'; answer: boolean; rightFeedback: string; wrongFeedback: string })
  | (Common & { kind: 'choice'; single: boolean; answers: GiftAnswer[] })
  | (Common & { kind: 'short'; answers: GiftAnswer[] })
  | (Common & {
      kind: 'numerical';
      answers: (GiftNumber & { fraction: number; feedback: string })[];
      /** `~#…` after the answers: shown when the answer matches none of them. */
      otherwiseFeedback: string;
    })
  | (Common & { kind: 'matching'; pairs: { left: string; right: string }[] });

export interface GiftError {
  line: number;
  column: number;
  message: string;
}

export interface GiftParse {
  questions: ParsedGift[];
  errors: GiftError[];
}

/** Where Moodle marks a missing word. */
export const GIFT_BLANK = '_____';

// Escaped characters are held as private-use code points while the text is split, as Moodle holds them
// as placeholders, so a split never sees them; they become the characters again in finished texts.
const ESCAPABLE = ':#={}~\\';
const PLACEHOLDER_BASE = 0xe000;
const NEWLINE_PLACEHOLDER = PLACEHOLDER_BASE + ESCAPABLE.length;
const PLACEHOLDERS = /[\ue000-\ue007]/g;

const FORMATS: Record<string, GiftFormat> = { moodle: 'moodle', html: 'html', plain: 'plain', markdown: 'markdown' };
const WEIGHT = /^%(-?\d{1,3}(?:\.\d*)?)%/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A block of text with, for each of its characters, the offset in the source it came from. */
interface Block {
  text: string;
  origin: Int32Array;
  line: number;
}

export function parseGift(input: string): GiftParse {
  const source = input.replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const at = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };

  const questions: ParsedGift[] = [];
  const errors: GiftError[] = [];
  for (const block of blocks(source, lineStarts, errors, at)) {
    const result = readQuestion(block);
    if (result === null) continue;
    if ('message' in result) {
      const where = at(block.origin[Math.min(result.index, block.origin.length - 1)] ?? 0);
      errors.push({ ...where, message: result.message });
    } else {
      questions.push(result);
    }
  }
  return { questions, errors };
}

/**
 * Moodle's split: runs of non-blank lines, each line trimmed, `//` lines blanked, joined with newlines;
 * escapes are replaced by placeholders on the way.
 */
function* blocks(
  source: string,
  lineStarts: number[],
  errors: GiftError[],
  at: (offset: number) => { line: number; column: number },
): Generator<Block> {
  let pieces: string[] = [];
  let origin: number[] = [];
  let firstLine = 0;
  const push = (piece: string, from: number, contiguous: boolean) => {
    pieces.push(piece);
    for (let k = 0; k < piece.length; k++) origin.push(contiguous ? from + k : from);
  };
  const flush = function* () {
    // Trim the joined text (comment lines leave spaces and newlines at its edges).
    const joined = pieces.join('');
    let start = 0;
    let end = joined.length;
    while (start < end && isSpace(joined.charCodeAt(start))) start++;
    while (end > start && isSpace(joined.charCodeAt(end - 1))) end--;
    if (end > start) {
      yield { text: joined.slice(start, end), origin: Int32Array.from(origin.slice(start, end)), line: firstLine };
    }
    pieces = [];
    origin = [];
    firstLine = 0;
  };
  for (let index = 0; index < lineStarts.length; index++) {
    const lineStart = lineStarts[index];
    const lineEnd = index + 1 < lineStarts.length ? lineStarts[index + 1] - 1 : source.length;
    let s = lineStart;
    let e = lineEnd;
    while (s < e && isSpace(source.charCodeAt(s))) s++;
    while (e > s && isSpace(source.charCodeAt(e - 1))) e--;
    if (s === e) {
      yield* flush();
      continue;
    }
    if (pieces.length) push('\n', lineStart - 1, false);
    if (source.startsWith('//', s)) {
      push(' ', s, false);
      continue;
    }
    if (!firstLine) firstLine = index + 1;
    let from = s;
    for (let i = s; i < e; i++) {
      const code = source.charCodeAt(i);
      if (code >= PLACEHOLDER_BASE && code <= NEWLINE_PLACEHOLDER) {
        errors.push({ ...at(i), message: `the character U+${code.toString(16).toUpperCase()} is not allowed in GIFT` });
        push(source.slice(from, i), from, true);
        from = i + 1;
        continue;
      }
      if (code !== 92 || i + 1 >= e) continue;
      const next = source[i + 1];
      const escaped = ESCAPABLE.indexOf(next);
      if (escaped === -1 && next !== 'n') continue;
      push(source.slice(from, i), from, true);
      push(String.fromCharCode(escaped !== -1 ? PLACEHOLDER_BASE + escaped : NEWLINE_PLACEHOLDER), i, false);
      i++;
      from = i + 1;
    }
    push(source.slice(from, e), from, true);
  }
  yield* flush();
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 11 || code === 12 || code === 13 || code === 0xa0;

type ReadResult = ParsedGift | { message: string; index: number } | null;

/** Finished text: placeholders back to their characters, trimmed (Moodle's escapedchar_post + trim). */
function finish(text: string): string {
  return text
    .replace(PLACEHOLDERS, (placeholder) => {
      const index = placeholder.charCodeAt(0) - PLACEHOLDER_BASE;
      return index < ESCAPABLE.length ? ESCAPABLE[index] : '\n';
    })
    .trim();
}

/** `[markdown]…`, `[html]…`, `[plain]…`, `[moodle]…`: the text's format; anything else is text. */
function withFormat(raw: string, fallback: GiftFormat): GiftText {
  const text = raw.trim();
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    const format = close > 0 ? FORMATS[text.slice(1, close)] : undefined;
    if (format) return { text: finish(text.slice(close + 1)), format };
  }
  return { text: finish(text), format: fallback };
}

/** A text in its question's format: a differing `[format]` prefix of its own is dropped. */
const plainOf = (raw: string, format: GiftFormat) => withFormat(raw, format).text;

function readQuestion(block: Block): ReadResult {
  let text = block.text;
  let offset = 0;
  if (text.startsWith('$CATEGORY:')) {
    // Moodle takes the whole block as the category; a question written right under it is read here.
    const newline = text.indexOf('\n');
    if (newline === -1) return null;
    offset = newline + 1;
    while (offset < text.length && isSpace(text.charCodeAt(offset))) offset++;
    text = text.slice(offset);
  }
  let title: string | null = null;
  let body = text;
  let bodyOffset = offset;
  if (text.startsWith('::')) {
    const close = text.indexOf('::', 2);
    if (close === -1) {
      body = text.slice(2);
      bodyOffset += 2;
    } else {
      title = finish(text.slice(2, close));
      const rest = text.slice(close + 2);
      const lead = rest.length - rest.trimStart().length;
      body = rest.trim();
      bodyOffset += close + 2 + lead;
    }
  }
  const open = body.indexOf('{');
  const close = body.indexOf('}');
  const base = { line: block.line, title };
  if (open === -1 && close === -1) {
    const described = withFormat(body, 'moodle');
    if (!described.text) return null;
    return { ...base, kind: 'description', text: described, missingWord: false, generalFeedback: '' };
  }
  if (open === -1) return { message: 'a "}" without its "{" (write \\} for the character)', index: bodyOffset + close };
  if (close === -1) return { message: 'a "{" without its "}" (write \\{ for the character)', index: bodyOffset + open };
  if (close < open) return { message: 'a "}" before the "{" (write \\} for the character)', index: bodyOffset + close };

  let answerText = body.slice(open + 1, close).trim();
  const answerIndex = bodyOffset + open;
  const missingWord = close !== body.length - 1;
  const questionRaw = body.slice(0, open) + (missingWord ? GIFT_BLANK : '') + body.slice(close + 1);

  let generalRaw = '';
  const separator = answerText.lastIndexOf('####');
  if (separator !== -1) {
    generalRaw = answerText.slice(separator + 4);
    answerText = answerText.slice(0, separator).trim();
  }
  const questionText = withFormat(questionRaw, 'moodle');
  const format = questionText.format;
  const common = { ...base, text: questionText, missingWord, generalFeedback: plainOf(generalRaw, format) };
  const fail = (message: string) => ({ message, index: answerIndex });

  if (answerText === '') return { ...common, kind: 'essay' };
  if (answerText.startsWith('#')) return numerical(common, answerText.slice(1), fail);
  if (answerText.includes('~')) return choice(common, answerText, fail);
  if (answerText.includes('=') && answerText.includes('->')) return matching(common, answerText, fail);

  const hash = answerText.indexOf('#');
  const head = hash > 0 ? answerText.slice(0, hash).trim() : answerText;
  if (['T', 'TRUE', 'F', 'FALSE'].includes(head)) {
    const [, wrong = '', right = ''] = splitLimit(answerText, '#', 3);
    return {
      ...common,
      kind: 'truefalse',
      answer: head.startsWith('T'),
      wrongFeedback: plainOf(wrong, format),
      rightFeedback: plainOf(right, format),
    };
  }
  return short(common, answerText, fail);
}

type CommonPart = Omit<Common, never>;
type Fail = (message: string) => { message: string; index: number };

/** Splits at `separator`, at most `limit` parts (PHP's explode with a limit). */
function splitLimit(text: string, separator: string, limit: number): string[] {
  const parts: string[] = [];
  let from = 0;
  while (parts.length < limit - 1) {
    const at = text.indexOf(separator, from);
    if (at === -1) break;
    parts.push(text.slice(from, at));
    from = at + separator.length;
  }
  parts.push(text.slice(from));
  return parts;
}

/** Answers separated by `marker`; an empty part before the first marker is dropped, as Moodle does. */
function answersOf(text: string, isMarker: (char: string) => boolean): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isMarker(text[i])) continue;
    parts.push(text.slice(from, i));
    from = i;
  }
  parts.push(text.slice(from));
  if (parts[0].trim() === '') parts.shift();
  return parts.map((part) => part.trim());
}

/** `%50%rest` → [0.5, 'rest']; no weight → [fallback, text]. */
function weightOf(text: string, fallback: number): [number, string] {
  const match = WEIGHT.exec(text);
  if (!match) return [fallback, text];
  return [Number(match[1]) / 100, text.slice(match[0].length)];
}

/** `answer#feedback`: the first `#` starts the feedback. */
function withFeedback(text: string, format: GiftFormat): [string, string] {
  const hash = text.indexOf('#');
  if (hash === -1) return [plainOf(text, format), ''];
  return [plainOf(text.slice(0, hash), format), plainOf(text.slice(hash + 1), format)];
}

function choice(common: CommonPart, answerText: string, fail: Fail): ReadResult {
  const single = answerText.includes('=');
  const parts = answersOf(answerText, (c) => c === '~' || c === '=');
  if (parts.length < 2) return fail('a multiple-choice question needs at least two answers');
  const answers = parts.map((part) => {
    let fraction = 0;
    let rest = part.slice(1);
    if (part.startsWith('=')) fraction = 1;
    else [fraction, rest] = weightOf(rest, 0);
    const [text, feedback] = withFeedback(rest, common.text.format);
    return { text, fraction, feedback };
  });
  return { ...common, kind: 'choice', single, answers };
}

function matching(common: CommonPart, answerText: string, fail: Fail): ReadResult {
  const parts = answersOf(answerText, (c) => c === '=');
  if (parts.length < 2) return fail('a matching question needs at least two pairs');
  const pairs: { left: string; right: string }[] = [];
  for (const part of parts) {
    const arrow = part.indexOf('->');
    if (arrow === -1) return fail(`every matching pair needs "->": "${finish(part.slice(1))}"`);
    pairs.push({ left: plainOf(part.slice(1, arrow), common.text.format), right: finish(part.slice(arrow + 2)) });
  }
  return { ...common, kind: 'matching', pairs };
}

function short(common: CommonPart, answerText: string, fail: Fail): ReadResult {
  const parts = answersOf(answerText, (c) => c === '=');
  if (!parts.length) return fail('a short-answer question needs an answer');
  const answers = parts.map((part) => {
    const [fraction, rest] = weightOf(part.startsWith('=') ? part.slice(1) : part, 1);
    const [text, feedback] = withFeedback(rest, common.text.format);
    return { text, fraction, feedback };
  });
  return { ...common, kind: 'short', answers };
}

function numerical(common: CommonPart, answerText: string, fail: Fail): ReadResult {
  let otherwiseFeedback = '';
  let list = answerText;
  const tilde = answerText.indexOf('~');
  if (tilde !== -1) {
    otherwiseFeedback = withFeedback(answerText.slice(tilde + 1), common.text.format)[1];
    list = answerText.slice(0, tilde);
  }
  const parts = answersOf(list, (c) => c === '=');
  if (!parts.length) return fail('a numerical question needs an answer');
  const answers: (GiftNumber & { fraction: number; feedback: string })[] = [];
  for (const part of parts) {
    const [fraction, rest] = weightOf(part.startsWith('=') ? part.slice(1) : part, 1);
    const [value, feedback] = withFeedback(rest, common.text.format);
    const number = numberOf(value);
    if (typeof number === 'string') return fail(number);
    answers.push({ ...number, fraction, feedback });
  }
  return { ...common, kind: 'numerical', answers, otherwiseFeedback };
}

/** `3.14`, `3.14:0.01` (answer:tolerance) or `3.141..3.142` (min..max). */
function numberOf(text: string): GiftNumber | string {
  const range = text.indexOf('..');
  const colon = text.indexOf(':');
  const wrong = `"${text}" is not a number, number:tolerance or min..max`;
  const parse = (part: string) => (NUMBER.test(part.trim()) ? Number(part.trim()) : null);
  if (range > 0) {
    const min = parse(text.slice(0, range));
    const max = parse(text.slice(range + 2));
    if (min === null || max === null) return wrong;
    if (min > max) return `the range "${text}" ends below its start`;
    return { min, max };
  }
  if (colon > 0) {
    const value = parse(text.slice(0, colon));
    const tolerance = parse(text.slice(colon + 1));
    if (value === null || tolerance === null) return wrong;
    return { value, tolerance: Math.abs(tolerance) };
  }
  const value = parse(text);
  return value === null ? wrong : { value, tolerance: 0 };
}
