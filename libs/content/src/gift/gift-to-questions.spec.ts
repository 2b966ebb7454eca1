import { giftSourceToQuestions } from './gift-source';
import { giftToQuestions } from './gift-to-questions';

/** The only question of a GIFT text, failing loudly on any error. */
function one(source: string) {
  const { questions, errors } = giftToQuestions(source);
  expect(errors).toEqual([]);
  expect(questions).toHaveLength(1);
  return questions[0];
}

describe('GIFT as Moodle reads it: what is special and what is text', () => {
  it.each([
    ['a lone colon in the question text', '::t:: Meet at 10:30? {T}', 'Meet at 10:30?'],
    ['a URL in the question text', '::t:: Is https://example.org up? {T}', 'Is https://example.org up?'],
    ['= and # in the question text', '::t:: Is 2+2 = 4 #maths? {T}', 'Is 2+2 = 4 #maths?'],
    ['a title-less question starting with text', 'Is 1 < 2? {T}', 'Is 1 < 2?'],
    ['every escape', String.raw`::t:: \: \# \= \{ \} \~ \\ and a\nbreak {T}`, ': # = { } ~ \\ and a\nbreak'],
    ['line breaks between lines of the prompt', '::t:: First line\nsecond line\n  third {T}', 'First line\nsecond line\nthird'],
    ['a comment line inside a question', '::t:: First\n// not shown\nsecond {T}', 'First\n \nsecond'],
  ])('keeps %s', (_rule, source, prompt) => {
    expect(one(source)).toMatchObject({ type: 'truefalse', prompt });
  });

  it('keeps a lone colon in answers and feedback', () => {
    expect(one('::c:: When? {=At 10:30 # Right: on time. ~At 11:00 # No: late.}')).toMatchObject({
      options: [
        { text: 'At 10:30', correct: true, feedback: 'Right: on time.' },
        { text: 'At 11:00', correct: false, feedback: 'No: late.' },
      ],
    });
  });

  it('takes ::title:: as the key and numbers untitled questions by position', () => {
    const { questions } = giftToQuestions('::first:: A? {T}\n\nB? {F}\n\n::third::C? {T}');
    expect(questions.map((q) => [q.key, q.prompt])).toEqual([
      ['first', 'A?'],
      ['q2', 'B?'],
      ['third', 'C?'],
    ]);
  });

  it('ignores comments and $CATEGORY lines', () => {
    const { questions } = giftToQuestions('// a comment\n$CATEGORY: $course$/top/star\n\n// another\n::a:: A? {T}');
    expect(questions.map((q) => q.key)).toEqual(['a']);
  });

  it.each([
    ['[markdown]', 'markdown'],
    ['[html]', 'html'],
    ['[plain]', 'plain'],
    ['[moodle]', 'moodle'],
    ['', 'moodle'],
  ])('reads the %s format of the prompt', (prefix, format) => {
    expect(one(`::f::${prefix}Is **this** bold? {T}`)).toMatchObject({ prompt: 'Is **this** bold?', format });
  });

  it('keeps an unknown [format] as text', () => {
    expect(one('::f::[latex] x {T}')).toMatchObject({ prompt: '[latex] x', format: 'moodle' });
  });
});

describe('GIFT question types', () => {
  it('reads single choice with per-option and general feedback', () => {
    expect(one('::c:: Capital? {=Ottawa # Yes. ~Toronto # No. ~Montréal #### Ottawa since 1857.}')).toEqual({
      key: 'c',
      type: 'single',
      prompt: 'Capital?',
      format: 'moodle',
      options: [
        { key: 'a', text: 'Ottawa', correct: true, feedback: 'Yes.' },
        { key: 'b', text: 'Toronto', correct: false, feedback: 'No.' },
        { key: 'c', text: 'Montréal', correct: false },
      ],
      generalFeedback: 'Ottawa since 1857.',
    });
  });

  it('reads weights on single-choice options as partial credit', () => {
    expect(one('::c:: Best? {=Best ~%50%Half # Close. ~%-25%Bad ~None}').options).toEqual([
      { key: 'a', text: 'Best', correct: true },
      { key: 'b', text: 'Half', correct: false, weight: 50, feedback: 'Close.' },
      { key: 'c', text: 'Bad', correct: false, weight: -25 },
      { key: 'd', text: 'None', correct: false },
    ]);
  });

  it('reads a question with no = as multiple answers, with decimal weights', () => {
    expect(one('::m:: Which? {~%33.333%A ~%33.333%B ~%33.334%C ~%-100%D}')).toMatchObject({
      type: 'multiple',
      options: [
        { key: 'a', correct: true, weight: 33.333 },
        { key: 'b', correct: true, weight: 33.333 },
        { key: 'c', correct: true, weight: 33.334 },
        { key: 'd', correct: false, weight: -100 },
      ],
    });
  });

  it('reads answers laid out one per line', () => {
    expect(one('::c:: Pick {\n  =A\n  ~B\n  ~C\n}').options?.map((o) => o.text)).toEqual(['A', 'B', 'C']);
  });

  it.each([
    ['{T}', true],
    ['{TRUE}', true],
    ['{F}', false],
    ['{FALSE}', false],
  ])('reads true/false %s', (block, answer) => {
    expect(one(`::t:: Sky is blue. ${block}`)).toMatchObject({ type: 'truefalse', answer });
  });

  it('reads true/false feedback (shown when wrong, then when right) and general feedback', () => {
    expect(one('::t:: Sky is blue. {TRUE#Look up.#Yes.####Rayleigh scattering.}')).toEqual({
      key: 't',
      type: 'truefalse',
      prompt: 'Sky is blue.',
      format: 'moodle',
      answer: true,
      feedback: { correct: 'Yes.', incorrect: 'Look up.' },
      generalFeedback: 'Rayleigh scattering.',
    });
  });

  it('reads short answers with partial credit, feedback and wildcards, in order', () => {
    expect(one('::s:: Name it {=bridge loan # Exact. =%50%*loan* # Close. =%0%* # No.}').accept).toEqual([
      { text: 'bridge loan', feedback: 'Exact.' },
      { text: '*loan*', weight: 50, feedback: 'Close.' },
      { text: '*', weight: 0, feedback: 'No.' },
    ]);
  });

  it('reads a short answer written without =', () => {
    expect(one('::s:: Two plus two in letters? {four}')).toMatchObject({ type: 'short', accept: ['four'] });
  });

  it('reads numeric answers: exact, tolerance, range, partial credit, feedback', () => {
    expect(one('::n:: Year? {#=1822:0 # Exact. =%50%1822:2 # Close. =%25%1800..1850}').answers).toEqual([
      { value: 1822, tolerance: 0, feedback: 'Exact.' },
      { value: 1822, tolerance: 2, weight: 50, feedback: 'Close.' },
      { min: 1800, max: 1850, weight: 25 },
    ]);
  });

  it("reads Moodle's numeric case with wrong-answer feedback", () => {
    expect(one('::n:: How many? {#3:2~#Completely wrong}')).toMatchObject({
      type: 'numeric',
      answer: null,
      answers: [{ value: 3, tolerance: 2 }],
      otherwiseFeedback: 'Completely wrong',
    });
  });

  it('reads negative and exponent numbers', () => {
    expect(one('::n:: Cold? {#-40:0.5 =-5..-1 =1e3}').answers).toEqual([
      { value: -40, tolerance: 0.5 },
      { min: -5, max: -1 },
      { value: 1000, tolerance: 0 },
    ]);
  });

  it('reads a missing-word question with the blank in place, for every answer kind', () => {
    expect(one("Grant is {~buried =entombed ~living} in Grant's tomb.")).toMatchObject({
      type: 'single',
      prompt: "Grant is _____ in Grant's tomb.",
    });
    expect(one('Pi is {#3.141..3.142}.')).toMatchObject({ type: 'numeric', prompt: 'Pi is _____.', answers: [{ min: 3.141, max: 3.142 }] });
    expect(one('The sun {T} rises.')).toMatchObject({ type: 'truefalse', prompt: 'The sun _____ rises.' });
  });

  it('reads matching pairs, and an empty left side as an extra choice', () => {
    expect(one('::m:: Match {=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo = -> Paris #### Capitals.}')).toEqual({
      key: 'm',
      type: 'matching',
      prompt: 'Match',
      format: 'moodle',
      pairs: [
        { key: 'a', left: 'Canada', right: 'Ottawa' },
        { key: 'b', left: 'Italy', right: 'Rome' },
        { key: 'c', left: 'Japan', right: 'Tokyo' },
      ],
      distractors: ['Paris'],
      generalFeedback: 'Capitals.',
    });
  });

  it('reads a description as text between questions', () => {
    expect(one('::intro:: Read the next questions carefully.')).toEqual({
      key: 'intro',
      type: 'description',
      prompt: 'Read the next questions carefully.',
      format: 'moodle',
    });
  });
});

describe('GIFT: what is skipped, renamed or refused', () => {
  it('skips an essay with a warning naming its line, and imports the rest', () => {
    const result = giftToQuestions('::a:: A? {T}\n\n::story:: Tell us. {}\n\n::b:: B? {F}');
    expect(result.questions.map((q) => q.key)).toEqual(['a', 'b']);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(['line 3: essay question "story" skipped (essays need grading by hand)']);
  });

  it('gives a repeated title a unique key, with a warning', () => {
    const result = giftToQuestions('::same:: A? {T}\n\n::same:: B? {F}\n\n::same:: C? {T}');
    expect(result.questions.map((q) => q.key)).toEqual(['same', 'same-2', 'same-3']);
    expect(result.warnings).toEqual([
      'line 3: the title "same" is already used by an earlier question; this one is keyed "same-2"',
      'line 5: the title "same" is already used by an earlier question; this one is keyed "same-3"',
    ]);
  });

  it('records the line each question starts on', () => {
    expect(giftToQuestions('// c\n\n::a:: A?\n{T}\n\n\n::b:: B? {F}').lines).toEqual([3, 7]);
  });

  it.each([
    ['an unclosed answer block', '::ok:: Fine. {T}\n\n::bad:: Open {=a ~b', 'line 3, column 14: a "{" without its "}"'],
    ['a closing brace alone', '::bad:: Shut } here', 'line 1, column 14: a "}" without its "{"'],
    ['a choice with one answer', '\n::bad:: One {~only}', 'line 2, column 13: a multiple-choice question needs at least two answers'],
    ['a matching pair without ->', '::bad:: M {=a -> b =c}', 'line 1, column 11: every matching pair needs "->": "c"'],
    ['a numeric answer that is not a number', '::bad:: N {#abc}', 'line 1, column 11: "abc" is not a number'],
    ['a range that ends below its start', '::bad:: N {#5..1}', 'line 1, column 11: the range "5..1" ends below its start'],
  ])('refuses %s with its line and column', (_case, source, message) => {
    const { errors } = giftToQuestions(source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`GIFT syntax error at ${message}`);
  });

  // No timings here (they belong in bench/): inputs so large that a reader quadratic in them could not finish
  // within the test's timeout (300,000² steps is hours), while a linear one reads them in well under a second.
  const choiceOf = (n: number) => `::big:: Pick {=ab${'~ab'.repeat(n - 1)}}`;
  const questionsOf = (n: number) => Array.from({ length: n }, (_, i) => `::q${i}:: Q ${i}? {=a}`).join('\n\n');

  it('reads a 900 KB question with 300,000 options', () => {
    const source = choiceOf(300_000);
    expect(source.length).toBeGreaterThan(900_000);
    expect(giftToQuestions(source).questions[0].options).toHaveLength(300_000);
  });

  it('reads a 1.2 MB file of 50,000 questions', () => {
    const source = questionsOf(50_000);
    expect(source.length).toBeGreaterThan(1_200_000);
    const { questions, errors } = giftToQuestions(source);
    expect(errors).toEqual([]);
    expect(questions).toHaveLength(50_000);
    expect(questions[49_999].key).toBe('q49999');
  });
});

describe('GIFT in two languages', () => {
  const en = '::q1:: Capital? {=Ottawa # Yes. ~Toronto}\n\n::q2:: Name it. {=loan}\n\n::q3:: Year? {#1867}';
  const fr = '::q1:: Capitale? {=Ottawa # Oui. ~Toronto}\n\n::q2:: Nommez-le. {=prêt}\n\n::q3:: Année? {#1867}';

  it('merges the wording into {en, fr} texts and accepts short answers in either language', () => {
    const { questions, problems, warnings } = giftSourceToQuestions({ en, fr });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(questions).toEqual([
      {
        key: 'q1',
        type: 'single',
        format: 'moodle',
        prompt: { en: 'Capital?', fr: 'Capitale?' },
        options: [
          { key: 'a', text: 'Ottawa', correct: true, feedback: { en: 'Yes.', fr: 'Oui.' } },
          { key: 'b', text: 'Toronto', correct: false },
        ],
      },
      { key: 'q2', type: 'short', format: 'moodle', prompt: { en: 'Name it.', fr: 'Nommez-le.' }, accept: ['loan', 'prêt'] },
      {
        key: 'q3',
        type: 'numeric',
        format: 'moodle',
        prompt: { en: 'Year?', fr: 'Année?' },
        answer: null,
        tolerance: 0,
        answers: [{ value: 1867, tolerance: 0 }],
      },
    ]);
  });

  it('refuses a French version whose answers differ', () => {
    const { problems } = giftSourceToQuestions({ en, fr: fr.replace('=Ottawa # Oui. ~Toronto', '~Ottawa =Toronto') });
    expect(problems).toEqual([
      {
        path: ['fr'],
        message: 'question "q1": the French GIFT must hold the same questions, in the same order, with the same answers as the English',
      },
    ]);
  });

  it('reports syntax errors under the language they are in', () => {
    const { problems } = giftSourceToQuestions({ en, fr: '::q1:: Capitale : {=Ottawa' });
    expect(problems).toEqual([{ path: ['fr'], message: expect.stringMatching(/^GIFT syntax error at line 1, column \d+/) }]);
  });

  it('prefixes warnings with their language', () => {
    const { warnings } = giftSourceToQuestions({ en: `${en}\n\n::e:: Essay {}`, fr: `${fr}\n\n::e:: Essai {}` });
    expect(warnings).toEqual([
      'en: line 7: essay question "e" skipped (essays need grading by hand)',
      'fr: line 7: essay question "e" skipped (essays need grading by hand)',
    ]);
  });
});
