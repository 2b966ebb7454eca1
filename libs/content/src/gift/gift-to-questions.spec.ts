import { giftSourceToQuestions } from './gift-source';
import { giftToQuestions } from './gift-to-questions';

/** One example of every part of GIFT we grade, as an author would write it. */
const CORPUS = String.raw`// Comments are ignored, and so is the category line.
$CATEGORY: star/banking

::capital:: Which city is the capital of Canada? {
  =Ottawa # Yes\: since 1857.
  ~Toronto # No, that is the capital of Ontario.
  ~Montréal
  #### Canada's capital is in Ontario.
}

::colours:: Which are primary colours of light? {
  ~%50%Red # One of them.
  ~%50%Blue
  ~%-100%Brown # Not at all.
}

::east:: The sun rises in the east. {T#No, it does rise in the east.#Right.}

::five:: Two plus two is five. {FALSE}

::financing:: Name a kind of interim financing. {=bridge loan =gap financing # Good. =interim financing}

::pi:: What is π to two decimals? {#3.14:0.005}

::between:: Give a whole number from 1 to 5. {#1..5}

::grant:: In which year was Ulysses S. Grant born? {#
  =1822:0
  =1823:1
  ~1900 # Much later than that.
}

::escapes:: Which characters does GIFT reserve\: \{ \} \= \~ \# and \:? {
  =All of them, written \\ \{ \} \= \~ \# \:
  ~None
}

Untitled questions are keyed by position. {T}

::md::[markdown] Is **this** Markdown? {=Yes ~No}
`;

describe('GIFT to questions', () => {
  const { questions, errors } = giftToQuestions(CORPUS);
  const byKey = new Map(questions.map((q) => [q.key, q]));

  it('reads the whole corpus without errors, skipping comments and categories', () => {
    expect(errors).toEqual([]);
    expect(questions.map((q) => q.key)).toEqual([
      'capital',
      'colours',
      'east',
      'five',
      'financing',
      'pi',
      'between',
      'grant',
      'escapes',
      'q10',
      'md',
    ]);
  });

  it('turns multiple choice into a single-choice question with per-option and general feedback', () => {
    expect(byKey.get('capital')).toEqual({
      key: 'capital',
      type: 'single',
      prompt: 'Which city is the capital of Canada?',
      options: [
        { key: 'a', text: 'Ottawa', correct: true, feedback: 'Yes: since 1857.' },
        { key: 'b', text: 'Toronto', correct: false, feedback: 'No, that is the capital of Ontario.' },
        { key: 'c', text: 'Montréal', correct: false },
      ],
      feedback: { correct: "Canada's capital is in Ontario.", incorrect: "Canada's capital is in Ontario." },
    });
  });

  it('turns % weights into a multiple-answer question with weights', () => {
    expect(byKey.get('colours')).toEqual({
      key: 'colours',
      type: 'multiple',
      prompt: 'Which are primary colours of light?',
      options: [
        { key: 'a', text: 'Red', correct: true, weight: 50, feedback: 'One of them.' },
        { key: 'b', text: 'Blue', correct: true, weight: 50 },
        { key: 'c', text: 'Brown', correct: false, weight: -100, feedback: 'Not at all.' },
      ],
    });
  });

  it('reads true/false with its wrong-answer and right-answer feedback', () => {
    expect(byKey.get('east')).toEqual({
      key: 'east',
      type: 'truefalse',
      prompt: 'The sun rises in the east.',
      answer: true,
      feedback: { correct: 'Right.', incorrect: 'No, it does rise in the east.' },
    });
    expect(byKey.get('five')).toEqual({ key: 'five', type: 'truefalse', prompt: 'Two plus two is five.', answer: false });
  });

  it('reads a short answer with several accepted answers', () => {
    expect(byKey.get('financing')).toEqual({
      key: 'financing',
      type: 'short',
      prompt: 'Name a kind of interim financing.',
      accept: ['bridge loan', 'gap financing', 'interim financing'],
      feedback: { correct: 'Good.' },
    });
  });

  it('reads numeric answers with a tolerance, a range, and several right answers', () => {
    expect(byKey.get('pi')).toMatchObject({ type: 'numeric', answer: 3.14, tolerance: 0.005 });
    expect(byKey.get('pi')).not.toHaveProperty('ranges');
    expect(byKey.get('between')).toMatchObject({ type: 'numeric', answer: null, tolerance: 0, ranges: [{ min: 1, max: 5 }] });
    expect(byKey.get('grant')).toMatchObject({ type: 'numeric', answer: 1822, tolerance: 0, ranges: [{ min: 1822, max: 1824 }] });
  });

  it('unescapes special characters', () => {
    expect(byKey.get('escapes')).toMatchObject({
      prompt: 'Which characters does GIFT reserve: { } = ~ # and :?',
      options: [{ text: 'All of them, written \\ { } = ~ # :', correct: true }, { text: 'None' }],
    });
  });

  it('keeps the text of Markdown questions', () => {
    expect(byKey.get('md')).toMatchObject({ prompt: 'Is **this** Markdown?', options: [{ text: 'Yes' }, { text: 'No' }] });
  });

  it.each([
    ['an essay', '::story:: Tell us about your project. {}', 'question "story": essay questions cannot be graded automatically'],
    ['matching', '::pairs:: Match them. {=CBC -> public =CTV -> private =APTN -> Indigenous}', 'question "pairs": matching questions are not supported'],
    ['a missing word', '::gap:: Grant is {=buried ~born} in Grant\'s tomb.', 'question "gap": missing-word questions (answers inside the sentence) are not supported'],
    ['a description', '::note:: Just some text to read.', 'question "note": a description is not a question (put the text in a lesson)'],
    ['partial credit on a short answer', '::s:: Name it. {=%100%loan =%50%credit}', 'question "s": partial credit (%n%) on short answers is not supported: list only fully right answers'],
    ['partial credit on a numeric answer', '::n:: Year? {#=1822:0 =%50%1822:2}', 'question "n": partial credit (%n%) on numeric answers is not supported: list only fully right answers'],
  ])('refuses %s, naming the question', (_kind, source, message) => {
    expect(giftToQuestions(source).errors).toEqual([message]);
  });

  it('passes a syntax error on with its line and column', () => {
    const { questions: none, errors: syntax } = giftToQuestions('::ok:: Fine. {T}\n\n::bad:: Time is 10:30 {=a ~b}');
    expect(none).toEqual([]);
    expect(syntax).toEqual(['GIFT syntax error at line 3, column 19: Expected "{" but ":" found.']);
  });

  it('reports an unclosed answer block', () => {
    expect(giftToQuestions('::q:: Open {=a ~b').errors[0]).toMatch(/^GIFT syntax error at line 1, column \d+: /);
  });
});

describe('GIFT in two languages', () => {
  const en = '::q1:: Capital? {=Ottawa # Yes. ~Toronto}\n\n::q2:: Name it. {=loan}\n\n::q3:: Year? {#1867}';
  const fr = '::q1:: Capitale? {=Ottawa # Oui. ~Toronto}\n\n::q2:: Nommez-le. {=prêt}\n\n::q3:: Année? {#1867}';

  it('merges the wording into {en, fr} texts and accepts short answers in either language', () => {
    const { questions, problems } = giftSourceToQuestions({ en, fr });
    expect(problems).toEqual([]);
    expect(questions).toEqual([
      {
        key: 'q1',
        type: 'single',
        prompt: { en: 'Capital?', fr: 'Capitale?' },
        options: [
          { key: 'a', text: 'Ottawa', correct: true, feedback: { en: 'Yes.', fr: 'Oui.' } },
          { key: 'b', text: 'Toronto', correct: false },
        ],
      },
      { key: 'q2', type: 'short', prompt: { en: 'Name it.', fr: 'Nommez-le.' }, accept: ['loan', 'prêt'] },
      { key: 'q3', type: 'numeric', prompt: { en: 'Year?', fr: 'Année?' }, answer: 1867, tolerance: 0 },
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
    const { problems } = giftSourceToQuestions({ en, fr: '::q1:: Capitale : {=Ottawa}' });
    expect(problems).toEqual([{ path: ['fr'], message: expect.stringMatching(/^GIFT syntax error at line 1, column \d+/) }]);
  });
});
