import { z } from 'zod';
import { giftSourceToQuestions } from './gift/gift-source';
import { DOCUMENT_LIMITS, giftSizeProblem } from './limits';

/**
 * The module document: what `content/` files hold and what POST/PUT /api/modules take. This one
 * schema is the source of truth for authors (served as JSON Schema), the API and the importer.
 * Cross-field rules run even when other parts of the document are wrong, so every problem is
 * reported at once.
 */

/**
 * Runs a refinement whatever else failed — as long as there is an object to look at (a null or a
 * string has already been reported as the wrong type). The refinements below read their input defensively.
 */
const ALWAYS = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
};

const strict = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : undefined,
  });

const FILE_REFERENCE = /^\.{1,2}\/[^\n]*\.(md|markdown|gift|txt)$/i;

/** Inline text; a `./file` reference left unresolved (only the file importer reads files) is refused. */
const inlineTextOf = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !FILE_REFERENCE.test(value), {
      message:
        'file references (such as ./unit-1.md) are read only by the file importer (npm run content -- import); send the text itself',
    });
const inlineText = inlineTextOf(DOCUMENT_LIMITS.textLength);

/** A union's own message; when the input was an object, validateModuleDocument reports the object's problems instead. */
const unionMessage = (message: string) => (issue: { code?: string; input?: unknown; errors?: { code?: string; message: string }[][] }) => {
  if (issue.code !== 'invalid_union') return undefined;
  // A text that is only too long: say so, rather than that it is not a text.
  const tooLong = issue.errors?.[0]?.find((sub) => sub.code === 'too_big');
  if (typeof issue.input === 'string' && tooLong) return tooLong.message;
  return issue.input === undefined ? 'is required' : message;
};

/**
 * `same: true` marks a text deliberately the same in French (a proper noun, a title of a work), so the
 * French check (frenchGaps, which reads documents as authored) does not count it as untranslated; `fr`
 * may then be left out or repeat `en`. The marking is for authors only: validated documents (and so
 * published versions, grading and responses) hold just the texts.
 */
const translatedText = (text: typeof inlineText) =>
  strict({ en: text, fr: text.optional(), same: z.literal(true).optional() })
    .superRefine((value, ctx) => {
      if (value.same === true && typeof value.fr === 'string' && typeof value.en === 'string' && value.fr.trim() !== value.en.trim()) {
        ctx.addIssue({ code: 'custom', path: ['same'], message: 'same: true is for a text identical in French; fr differs from en' });
      }
    }, ALWAYS)
    .transform(({ same: _marking, ...value }) => value);

const localizedTextOf = (max: number) => {
  const text = inlineTextOf(max);
  return z.union([text, translatedText(text)], { error: unionMessage('must be a text, or {en, fr} texts with at least en') });
};

export const localizedText = localizedTextOf(DOCUMENT_LIMITS.textLength);
/** Titles of the module, its tracks, units and items: shorter than other texts. */
export const titleText = localizedTextOf(DOCUMENT_LIMITS.titleLength);

export const key = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^\S(.*\S)?$/, 'must not start or end with spaces');

const slug = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters and digits separated by single hyphens');

const dateTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with an offset' });
const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

function duplicates(values: unknown[], label: (v: unknown) => unknown = (v) => v): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    const k = label(value);
    if (typeof k !== 'string') continue;
    if (seen.has(k)) repeated.add(k);
    seen.add(k);
  }
  return [...repeated];
}

const keyOf = (value: unknown) => (value && typeof value === 'object' ? (value as { key?: unknown }).key : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function reportDuplicateKeys(values: unknown, path: (string | number)[], ctx: z.RefinementCtx) {
  for (const k of duplicates(asArray(values), keyOf)) ctx.addIssue({ code: 'custom', path, message: `duplicate key "${k}"` });
}

const feedback = strict({ correct: localizedText.optional(), incorrect: localizedText.optional() });

/**
 * How a question's texts (prompt, options, feedback) are shown: `plain` (the default; line breaks kept),
 * `markdown`, `html` (sanitised) or `moodle` (Moodle's auto-format: HTML allowed, line breaks kept).
 */
export const textFormat = z.enum(['plain', 'markdown', 'html', 'moodle'], {
  error: 'must be one of plain, markdown, html, moodle',
});

/** Fields every question has. `generalFeedback` is shown after every attempt, right or wrong. */
const questionBase = {
  key,
  prompt: localizedText,
  format: textFormat.optional(),
  feedback: feedback.optional(),
  generalFeedback: localizedText.optional(),
};

/** Credit in percent, as GIFT writes it: 100 full, 50 half. */
const credit = (min: number) =>
  z.number().min(min, `must be from ${min} to 100`).max(100, `must be from ${min} to 100`);

const option = strict({
  key,
  text: localizedText,
  correct: z.boolean().default(false),
  /**
   * GIFT-style `%` weight. Multiple-answer: what ticking the option adds (negative takes away);
   * single-choice: the credit of choosing it (partial credit; `correct` is 100).
   */
  weight: credit(-100).optional(),
  feedback: localizedText.optional(),
});

type OptionInput = { correct?: unknown; weight?: unknown };

const choiceQuestion = strict({
  ...questionBase,
  type: z.enum(['single', 'multiple']),
  options: z.array(option).min(2, 'needs at least two options').max(DOCUMENT_LIMITS.optionsPerQuestion, `must hold at most ${DOCUMENT_LIMITS.optionsPerQuestion} options`),
}).superRefine((question, ctx) => {
  const options = asArray(question.options) as OptionInput[];
  reportDuplicateKeys(options, ['options'], ctx);
  if (question.type === 'single') {
    // As in Moodle, several options may be fully right; one at least must be.
    if (!options.some((o) => o?.correct === true || o?.weight === 100)) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a single-choice question needs a fully right option (correct: true, or weight 100)',
      });
    }
    options.forEach((o, i) => {
      if (o?.correct === true && o.weight !== undefined && o.weight !== 100)
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'weight'],
          message: 'a correct option is worth 100: give partial credit to an option not marked correct',
        });
    });
    return;
  }
  if (question.type !== 'multiple') return;
  const correct = options.filter((o) => o?.correct === true || (typeof o?.weight === 'number' && o.weight > 0));
  if (!correct.length) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'a multiple-answer question needs at least one correct option' });
  }
  if (!options.some((o) => typeof o?.weight === 'number')) return;
  options.forEach((o, i) => {
    if (o?.correct === true && !(typeof o.weight === 'number' && o.weight > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['options', i, 'weight'],
        message: 'when any option has a weight, every correct option needs a positive weight',
      });
    }
  });
  const total = options.reduce((sum, o) => sum + (typeof o?.weight === 'number' && o.weight > 0 ? o.weight : 0), 0);
  if (Math.abs(total - 100) > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['options'],
      message: `the positive weights must add up to 100 (they add up to ${Math.round(total * 100) / 100})`,
    });
  }
}, ALWAYS);

const trueFalseQuestion = strict({
  ...questionBase,
  type: z.literal('truefalse'),
  answer: z.boolean({ error: 'must be true or false' }),
});

/** Full credit unless a weight says otherwise. */
const fullCredit = (entry: unknown) =>
  typeof entry === 'string' ||
  (entry !== null && typeof entry === 'object' && ((entry as { weight?: unknown }).weight ?? 100) === 100);

/** An accepted short answer with partial credit or its own feedback; `*` matches any text (`\*` a star). */
const acceptEntry = z.union(
  [
    localizedText,
    strict({ text: localizedText, weight: credit(0).optional(), feedback: localizedText.optional() }),
  ],
  { error: unionMessage('must be a text, {en, fr} texts, or {text, weight?, feedback?}') },
);

const shortQuestion = strict({
  ...questionBase,
  type: z.literal('short'),
  /** Tried in order; the first that matches gives its credit and feedback (Moodle's rule). */
  accept: z.array(acceptEntry).min(1, 'needs at least one accepted answer').max(DOCUMENT_LIMITS.answersPerQuestion, `must hold at most ${DOCUMENT_LIMITS.answersPerQuestion} answers`),
}).superRefine((question, ctx) => {
  const entries = asArray(question.accept);
  if (entries.length && !entries.some(fullCredit)) {
    ctx.addIssue({ code: 'custom', path: ['accept'], message: 'needs an answer worth 100 (a weight of 100, or none)' });
  }
}, ALWAYS);

const range = strict({ min: z.number(), max: z.number() }).superRefine((r, ctx) => {
  if (typeof r.min === 'number' && typeof r.max === 'number' && r.min > r.max) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: 'must not be less than min' });
  }
}, ALWAYS);

/** A numeric answer: `value` ± `tolerance`, or `min`..`max`; with its credit and feedback. */
const numericAnswer = strict({
  value: z.number().optional(),
  tolerance: z.number().min(0, 'must not be negative').optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  weight: credit(0).optional(),
  feedback: localizedText.optional(),
}).superRefine((a, ctx) => {
  const isValue = a.value !== undefined;
  const isRange = a.min !== undefined || a.max !== undefined;
  if (isValue === isRange) {
    ctx.addIssue({ code: 'custom', path: [], message: 'give either value (and tolerance) or min and max' });
  } else if (isRange && (typeof a.min !== 'number' || typeof a.max !== 'number')) {
    ctx.addIssue({ code: 'custom', path: [typeof a.min === 'number' ? 'max' : 'min'], message: 'is required with a range' });
  } else if (isRange && (a.min as number) > (a.max as number)) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: 'must not be less than min' });
  }
  if (isRange && a.tolerance !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['tolerance'], message: 'a range has no tolerance' });
  }
}, ALWAYS);

const numericQuestion = strict({
  ...questionBase,
  type: z.literal('numeric'),
  /** Fully right answers: `answer` ± `tolerance` and every range. */
  answer: z.number().nullable().default(null),
  tolerance: z.number().min(0, 'must not be negative').default(0),
  ranges: z.array(range).max(DOCUMENT_LIMITS.answersPerQuestion, `must hold at most ${DOCUMENT_LIMITS.answersPerQuestion} ranges`).optional(),
  /** Answers with their own credit and feedback, tried in order before the fully right ones (Moodle's rule). */
  answers: z.array(numericAnswer).max(DOCUMENT_LIMITS.answersPerQuestion, `must hold at most ${DOCUMENT_LIMITS.answersPerQuestion} answers`).optional(),
  /** Shown when the answer matches none of the above (GIFT `~#…`). */
  otherwiseFeedback: localizedText.optional(),
}).superRefine((question, ctx) => {
  const full = asArray(question.answers).some(fullCredit);
  if (typeof question.answer !== 'number' && !asArray(question.ranges).length && !full) {
    ctx.addIssue({
      code: 'custom',
      path: ['answer'],
      message: 'a numeric question needs an answer, a range, or one of its answers worth 100',
    });
  }
}, ALWAYS);

const matchingQuestion = strict({
  ...questionBase,
  type: z.literal('matching'),
  /** Each left item is matched with its right text; the member picks among every right text. */
  pairs: z.array(strict({ key, left: localizedText, right: localizedText })).min(2, 'needs at least two pairs').max(DOCUMENT_LIMITS.optionsPerQuestion, `must hold at most ${DOCUMENT_LIMITS.optionsPerQuestion} pairs`),
  /** Extra right-hand choices that match nothing. */
  distractors: z.array(localizedText).max(DOCUMENT_LIMITS.optionsPerQuestion, `must hold at most ${DOCUMENT_LIMITS.optionsPerQuestion} distractors`).optional(),
}).superRefine((question, ctx) => reportDuplicateKeys(question.pairs, ['pairs'], ctx), ALWAYS);

/** Text between questions (GIFT's description): shown, not graded. */
const descriptionQuestion = strict({
  key,
  type: z.literal('description'),
  prompt: localizedText,
  format: textFormat.optional(),
});

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'short', 'numeric', 'matching', 'description'] as const;

export const questionSchema = z.discriminatedUnion(
  'type',
  [choiceQuestion, trueFalseQuestion, shortQuestion, numericQuestion, matchingQuestion, descriptionQuestion],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `type must be one of ${QUESTION_TYPES.join(', ')}` : undefined,
  },
);

const giftText = z.union([inlineText, strict({ en: inlineText, fr: inlineText.optional() })], {
  error: unionMessage('must be GIFT text, or {en, fr} GIFT texts with at least en'),
});

/** GIFT is converted here, and each question it yields is checked by the same rules as an authored one. */
const gift = giftText.transform((source, ctx) => {
  // Sized up before parsing: a parser handed 300,000 options would hold the server up for seconds.
  const tooBig = (typeof source === 'string' ? [source] : Object.values(source)).map(giftSizeProblem).find(Boolean);
  if (tooBig) {
    ctx.addIssue({ code: 'custom', input: source, message: tooBig });
    return [];
  }
  const { questions, lines, problems } = giftSourceToQuestions(source);
  for (const problem of problems) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, input: source });
  if (!problems.length && !questions.length) {
    ctx.addIssue({ code: 'custom', input: source, message: 'the GIFT text holds no questions' });
  }
  const valid: z.output<typeof questionSchema>[] = [];
  questions.forEach((question, index) => {
    const result = questionSchema.safeParse(question);
    if (result.success) {
      valid.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const where = issue.path.length ? `${formatPath(issue.path)}: ` : '';
      const message = `line ${lines[index]}, question "${String(keyOf(question))}": ${where}${issue.message}`;
      ctx.addIssue({ code: 'custom', input: source, message });
    }
  });
  return valid;
});

const lessonItem = strict({
  key,
  kind: z.literal('lesson'),
  title: titleText,
  body: localizedText,
  videoUrl: webUrl.nullable().default(null),
  estimatedMinutes: z.number().int('must be a whole number').min(1).max(1000).nullable().default(null),
});

const quizItem = strict({
  key,
  kind: z.literal('quiz'),
  title: titleText,
  passMark: z.number().min(0, 'must be from 0 to 100').max(100, 'must be from 0 to 100'),
  maxAttempts: z.number().int('must be a whole number').min(1, 'must be at least 1 (or null for unlimited)').nullable().default(null),
  questions: z.array(questionSchema).optional(),
  gift: gift.optional(),
})
  .superRefine((quiz, ctx) => {
    const authored = asArray(quiz.questions);
    const fromGift = asArray(quiz.gift);
    if (quiz.questions === undefined && quiz.gift === undefined) {
      ctx.addIssue({ code: 'custom', path: ['questions'], message: 'a quiz needs questions (or gift)' });
    } else if (Array.isArray(quiz.questions) && !authored.length && quiz.gift === undefined) {
      ctx.addIssue({ code: 'custom', path: ['questions'], message: 'a quiz needs at least one question' });
    }
    reportDuplicateKeys([...authored, ...fromGift], [fromGift.length ? 'gift' : 'questions'], ctx);
    // One answer per question must fit in an attempt, so that every accepted quiz can be passed.
    if (authored.length + fromGift.length > DOCUMENT_LIMITS.questionsPerQuiz) {
      ctx.addIssue({
        code: 'custom',
        path: [quiz.questions === undefined ? 'gift' : 'questions'],
        message: `a quiz holds at most ${DOCUMENT_LIMITS.questionsPerQuiz} questions (it has ${authored.length + fromGift.length})`,
      });
    }
  }, ALWAYS)
  .transform(({ gift: fromGift, questions, ...quiz }) => ({ ...quiz, questions: [...(questions ?? []), ...(fromGift ?? [])] }));

const eventItem = strict({
  key,
  kind: z.literal('event'),
  title: titleText,
  startsAt: dateTime,
  endsAt: dateTime,
  location: localizedText.nullable().default(null),
  joinUrl: webUrl.nullable().default(null),
}).superRefine((event, ctx) => {
  const starts = typeof event.startsAt === 'string' ? Date.parse(event.startsAt) : NaN;
  const ends = typeof event.endsAt === 'string' ? Date.parse(event.endsAt) : NaN;
  if (ends <= starts) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'an event must end after it starts' });
  if (!event.location && !event.joinUrl) {
    ctx.addIssue({ code: 'custom', path: ['location'], message: 'an event needs a location or a joinUrl' });
  }
}, ALWAYS);

export const itemSchema = z.discriminatedUnion('kind', [lessonItem, quizItem, eventItem], {
  error: (issue) => (issue.code === 'invalid_union' ? 'kind must be one of lesson, quiz, event' : undefined),
});

const unit = strict({
  key,
  title: titleText,
  /** Empty: every track. */
  tracks: z.array(key).default([]),
  items: z.array(itemSchema).min(1, 'a unit needs at least one item').max(DOCUMENT_LIMITS.itemsPerUnit, `a unit holds at most ${DOCUMENT_LIMITS.itemsPerUnit} items`),
}).superRefine((u, ctx) => reportDuplicateKeys(u.items, ['items'], ctx), ALWAYS);

export const moduleDocumentSchema = strict({
  slug,
  title: titleText,
  summary: localizedText,
  certificate: strict({
    enabled: z.boolean(),
    cpdHours: z.number().min(0, 'must not be negative').max(1000).default(0),
    /** Certificates of this module expire this many months after the completion day; absent or null: never. */
    validForMonths: z
      .number()
      .int('must be a whole number of months')
      .min(1, 'must be at least 1 month')
      .max(120, 'must be at most 120 months (10 years)')
      .nullable()
      .optional(),
  }).default({ enabled: false, cpdHours: 0 }),
  opensAt: dateTime.nullable().default(null),
  closesAt: dateTime.nullable().default(null),
  tracks: z.array(strict({ key, title: titleText })).max(DOCUMENT_LIMITS.tracks, `a module has at most ${DOCUMENT_LIMITS.tracks} tracks`).default([]),
  /**
   * How typed answers are compared. Always case- and space-insensitive; with `ignoreAccents` also
   * accent-insensitive (« financement provisoire » typed without accents is right), for modules
   * whose members may type French on keyboards without accents. Absent means false.
   */
  grading: strict({ ignoreAccents: z.boolean().default(false) }).optional(),
  units: z.array(unit).min(1, 'a module needs at least one unit').max(DOCUMENT_LIMITS.units, `a module has at most ${DOCUMENT_LIMITS.units} units`),
}).superRefine((doc, ctx) => {
  reportDuplicateKeys(doc.tracks, ['tracks'], ctx);
  reportDuplicateKeys(doc.units, ['units'], ctx);
  const trackKeys = new Set(asArray(doc.tracks).map(keyOf));
  asArray(doc.units).forEach((u, i) => {
    asArray((u as { tracks?: unknown })?.tracks).forEach((track, j) => {
      if (typeof track === 'string' && !trackKeys.has(track)) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'tracks', j], message: `unknown track "${track}"` });
      }
    });
  });
  if (typeof doc.opensAt === 'string' && typeof doc.closesAt === 'string' && Date.parse(doc.closesAt) <= Date.parse(doc.opensAt)) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' });
  }
}, ALWAYS);

/** A validated document: defaults filled in, GIFT turned into questions. */
export type ModuleDocument = z.output<typeof moduleDocumentSchema>;
export type DocumentUnit = ModuleDocument['units'][number];
export type DocumentItem = DocumentUnit['items'][number];
export type DocumentQuestion = z.output<typeof questionSchema>;

/** `units[1].items[0].questions[2].options` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
