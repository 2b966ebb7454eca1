import fc from 'fast-check';
import { questionSchema, type DocumentQuestion } from '../module-document.schema';
import { questionsToGift } from './gift-export';
import { giftToQuestions } from './gift-to-questions';

/** Imported GIFT, validated like any authored question (defaults filled in). */
function reimport(gift: string): DocumentQuestion[] {
  const { questions, errors } = giftToQuestions(gift);
  expect(errors).toEqual([]);
  return questions.map((q) => questionSchema.parse(q));
}

/** Texts with GIFT's special characters in them; never blank, trimmed, no `->` or `[` at the start. */
const text = fc
  .string({ unit: fc.constantFrom('a', 'B', 'é', ' ', ':', '#', '=', '~', '{', '}', '\\', '1', '.', '%', '\n'), minLength: 1, maxLength: 12 })
  .map((s) => s.trim().replace(/^%/, 'p'))
  .filter((s) => s.length > 0 && !s.includes('\n\n') && !/\s\n|\n\s/.test(s));
const format = fc.constantFrom('plain', 'markdown', 'html', 'moodle') as fc.Arbitrary<'plain' | 'markdown' | 'html' | 'moodle'>;
const weight = fc.integer({ min: 1, max: 99 });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const withOptional = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const single = fc
  .tuple(fc.array(fc.tuple(text, optional(text), optional(weight)), { minLength: 1, maxLength: 4 }), text, optional(text))
  .map(([wrong, right, general]) => ({
    type: 'single',
    options: [
      { key: 'a', text: right, correct: true },
      ...wrong.map(([t, fb, w], i) => withOptional({ key: String.fromCharCode(98 + i), text: t, correct: false, weight: w, feedback: fb })),
    ],
    generalFeedback: general,
  }));

const multiple = fc.array(fc.tuple(text, optional(text)), { minLength: 2, maxLength: 4 }).map((options) => ({
  type: 'multiple',
  options: options.map(([t, fb], i) =>
    withOptional({ key: String.fromCharCode(97 + i), text: t, correct: i < 2, weight: i < 2 ? 50 : -100, feedback: fb }),
  ),
}));

const trueFalse = fc.tuple(fc.boolean(), optional(text), optional(text), optional(text)).map(([answer, right, wrong, general]) => ({
  type: 'truefalse',
  answer,
  ...(right || wrong ? { feedback: withOptional({ correct: right, incorrect: wrong }) } : {}),
  generalFeedback: general,
}));

const short = fc
  .tuple(text, fc.array(fc.tuple(text, optional(weight), optional(text)), { maxLength: 3 }))
  .map(([first, more]) => ({
    type: 'short',
    // `{text}` alone is the same answer as the bare text, which is how GIFT reads it back.
    accept: [first, ...more.map(([t, w, fb]) => (w === undefined && fb === undefined ? t : withOptional({ text: t, weight: w, feedback: fb })))],
  }));

const numeric = fc
  .tuple(
    fc.integer({ min: -1000, max: 1000 }),
    fc.integer({ min: 0, max: 10 }),
    fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 20 }), optional(weight), optional(text))),
    optional(text),
  )
  .map(([value, tolerance, ranges, otherwise]) => ({
    type: 'numeric',
    answer: null,
    tolerance: 0,
    answers: [
      { value, tolerance },
      ...ranges.map(([min, span, w, fb]) => withOptional({ min, max: min + span, weight: w, feedback: fb })),
    ],
    otherwiseFeedback: otherwise,
  }));

const matching = fc
  .tuple(fc.uniqueArray(fc.tuple(text, text), { minLength: 2, maxLength: 4, selector: ([left]) => left }), fc.array(text, { maxLength: 2 }))
  .map(([pairs, distractors]) => ({
    type: 'matching',
    pairs: pairs.map(([left, right], i) => ({ key: String.fromCharCode(97 + i), left, right })),
    ...(distractors.length ? { distractors } : {}),
  }));

const description = fc.constant({ type: 'description' });

const quiz = fc
  .array(fc.tuple(fc.oneof(single, multiple, trueFalse, short, numeric, matching, description), text, format), { minLength: 1, maxLength: 6 })
  .map((list) =>
    list.map(([question, prompt, textFormat], i) =>
      questionSchema.parse(withOptional({ key: `k${i + 1}`, prompt, format: textFormat, ...question })),
    ),
  );

describe('GIFT export', () => {
  it('round-trips any quiz: export then import gives the same questions (and so the same grading)', () => {
    fc.assert(
      fc.property(quiz, (questions) => {
        const { gift, warnings } = questionsToGift(questions);
        expect(warnings).toEqual([]);
        expect(reimport(gift)).toEqual(questions);
      }),
      { numRuns: 200 },
    );
  });

  it('writes a missing word back inside the sentence', () => {
    const [question] = reimport("Grant is {~buried =entombed ~living} in Grant's tomb.");
    const { gift } = questionsToGift([question]);
    expect(gift).toContain("Grant is {\n\t~buried\n\t=entombed\n\t~living\n} in Grant's tomb.");
    expect(reimport(gift)).toEqual([question]);
  });

  it('writes share-of-correct scoring as weights that grade the same', () => {
    const question = questionSchema.parse({
      key: 'm',
      type: 'multiple',
      prompt: 'Pick',
      options: [
        { key: 'a', text: 'A', correct: true },
        { key: 'b', text: 'B', correct: true },
        { key: 'c', text: 'C' },
      ],
    });
    expect(reimport(questionsToGift([question]).gift)[0]).toMatchObject({
      options: [{ weight: 50 }, { weight: 50 }, { weight: -50 }],
    });
  });

  it('warns about right/wrong feedback GIFT cannot carry', () => {
    const question = questionSchema.parse({ key: 's', type: 'short', prompt: 'Name', accept: ['x'], feedback: { correct: 'Yes' } });
    expect(questionsToGift([question]).warnings).toEqual([
      'question "s": GIFT has no right/wrong feedback for this kind of question; it is left out',
    ]);
  });

  it('exports in the language asked for', () => {
    const question = questionSchema.parse({ key: 't', type: 'truefalse', prompt: { en: 'Sky is blue', fr: 'Le ciel est bleu' }, answer: true });
    expect(questionsToGift([question], 'fr').gift).toBe('::t::[plain]Le ciel est bleu {TRUE}\n');
  });
});
