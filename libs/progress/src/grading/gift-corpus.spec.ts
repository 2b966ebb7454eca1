import { validateModuleDocument } from '@greenlight/content';
import { buildSnapshot, type QuizItem, type SnapshotQuestion } from '@greenlight/course';
import { Answer, gradeAttempt } from './grading';

/**
 * What Moodle's GIFT importer (its tests and examples.txt) reads, each with the question it means and
 * how Moodle grades answers to it. The expectations are written from Moodle's documented rules.
 * An answer is written by keys and texts: an option key ('a'), several (['a', 'b']), true/false, a text,
 * a number, or for matching {leftItemKey: rightText}.
 */
type Given = string | string[] | boolean | number | Record<string, string>;
type Grade = [given: Given | null, credit: number, feedback?: string];
interface Case {
  gift: string;
  question: Record<string, unknown>;
  grades?: Grade[];
}

const CORPUS: Record<string, Case> = {
  // examples.txt
  'examples: true/false': {
    gift: '::Q1:: 1+1=2 {T}',
    question: { key: 'Q1', type: 'truefalse', prompt: '1+1=2', answer: true },
    grades: [
      [true, 1],
      [false, 0],
    ],
  },
  'examples: choice with feedback': {
    gift: "::Q2:: What's between orange and green in the spectrum?\n{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }",
    question: { type: 'single', options: [{ text: 'yellow', correct: true }, { text: 'red' }, { text: 'blue' }] },
    grades: [
      ['a', 1, 'right; good!'],
      ['b', 0, "wrong, it's yellow"],
    ],
  },
  'examples: fill-in-the-blank': {
    gift: '::Q3:: Two plus {=two =2} equals four.',
    question: { type: 'short', prompt: 'Two plus _____ equals four.', accept: ['two', '2'] },
    grades: [
      ['two', 1],
      ['2', 1],
      ['three', 0],
    ],
  },
  'examples: matching': {
    gift: '::Q4:: Which animal eats which food? { =cat -> cat food =dog -> dog food }',
    question: {
      type: 'matching',
      pairs: [
        { key: 'a', left: 'cat', right: 'cat food' },
        { key: 'b', left: 'dog', right: 'dog food' },
      ],
    },
    grades: [
      [{ a: 'cat food', b: 'dog food' }, 1],
      [{ a: 'cat food', b: 'cat food' }, 0.5],
      [{ a: 'dog food', b: 'cat food' }, 0],
    ],
  },
  'examples: number with tolerance': {
    gift: '::Q5:: What is a number from 1 to 5? {#3:2}',
    question: { type: 'numeric', answers: [{ value: 3, tolerance: 2 }] },
    grades: [
      [1, 1],
      [5, 1],
      [5.01, 0],
      [0.99, 0],
    ],
  },
  'examples: number range': {
    gift: '::Q6:: What is a number from 1 to 5? {#1..5}',
    question: { type: 'numeric', answers: [{ min: 1, max: 5 }] },
    grades: [
      [1, 1],
      [3.5, 1],
      [6, 0],
    ],
  },
  'examples: numbers with partial credit and feedback': {
    gift: '::Q7:: When was Ulysses S. Grant born? {#\n=1822:0 # Correct! Full credit.\n=%50%1822:2 # He was born in 1822. Half credit for being close.\n}',
    question: { type: 'numeric' },
    grades: [
      [1822, 1, 'Correct! Full credit.'],
      [1823, 0.5, 'He was born in 1822. Half credit for being close.'],
      [1830, 0],
    ],
  },
  "examples: who's in Grant's tomb": {
    gift: "Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}",
    question: { key: 'q1', type: 'single', prompt: "Who's buried in Grant's tomb?" },
    grades: [
      ['c', 1],
      ['a', 0],
    ],
  },
  'examples: missing word choice': {
    gift: "Grant is {~buried =entombed ~living} in Grant's tomb.",
    question: { type: 'single', prompt: "Grant is _____ in Grant's tomb." },
    grades: [
      ['b', 1],
      ['a', 0],
    ],
  },
  'examples: false': {
    gift: "Grant is buried in Grant's tomb.{FALSE}",
    question: { type: 'truefalse', answer: false },
    grades: [
      [false, 1],
      [true, 0],
    ],
  },
  'examples: two short answers': {
    gift: "Who's buried in Grant's tomb?{=no one =nobody}",
    question: { type: 'short', accept: ['no one', 'nobody'] },
    grades: [
      ['No One', 1],
      ['nobody', 1],
      ['Grant', 0],
    ],
  },
  'examples: year with tolerance': {
    gift: 'When was Ulysses S. Grant born?{#1822:5}',
    question: { type: 'numeric' },
    grades: [
      [1817, 1],
      [1827, 1],
      [1828, 0],
    ],
  },
  'examples: pi, missing word numeric': {
    gift: 'What is the value of pi (to 3 decimal places)? {#3.141..3.142}.',
    question: { type: 'numeric', prompt: 'What is the value of pi (to 3 decimal places)? _____.' },
    grades: [
      [3.1415, 1],
      [3.14, 0],
    ],
  },
  'examples: essay skipped': { gift: '::Q8:: How are you? {}', question: { skipped: 'essay' } },

  // Moodle's importer tests
  'tests: Moodle numeric case with wrong-answer feedback': {
    gift: "::Moodle's numeric question::What is the answer?{#3:2~#Completely wrong}",
    question: { key: "Moodle's numeric question", type: 'numeric', otherwiseFeedback: 'Completely wrong' },
    grades: [
      [4, 1],
      [9, 0, 'Completely wrong'],
    ],
  },
  'tests: numeric with general feedback': {
    gift: '::n:: How many? {#42 #### The answer to everything.}',
    question: { type: 'numeric', generalFeedback: 'The answer to everything.' },
    grades: [
      [42, 1, 'The answer to everything.'],
      [41, 0, 'The answer to everything.'],
    ],
  },
  'tests: description': {
    gift: '::A description:: Here is some text.',
    question: { type: 'description', prompt: 'Here is some text.' },
  },
  'tests: essay with general feedback skipped': {
    gift: '::e:: Write an essay. {####Mark it kindly.}',
    question: { skipped: 'essay' },
  },
  'tests: match with formats and general feedback': {
    gift: "::Match:: Match the things. {\n=[html]<b>Dog</b> -> Bark\n=Cat -> Meow\n=Cow -> Moo\n####It's obvious.\n}",
    question: {
      type: 'matching',
      pairs: [{ left: '<b>Dog</b>' }, { left: 'Cat' }, { left: 'Cow' }],
      generalFeedback: "It's obvious.",
    },
    grades: [
      [{ a: 'Bark', b: 'Meow', c: 'Moo' }, 1, "It's obvious."],
      [{ a: 'Bark' }, 1 / 3, "It's obvious."],
    ],
  },
  'tests: match with an extra wrong choice': {
    gift: '::m:: Capitals {=Canada -> Ottawa =Italy -> Rome = -> Paris}',
    question: { type: 'matching', distractors: ['Paris'] },
    grades: [[{ a: 'Paris', b: 'Rome' }, 0.5]],
  },
  'tests: match with equal right sides': {
    gift: '::m:: Kinds {=Apple -> fruit =Pear -> fruit =Carrot -> vegetable}',
    question: { type: 'matching' },
    grades: [
      [{ a: 'fruit', b: 'fruit', c: 'vegetable' }, 1],
      [{ a: 'vegetable', b: 'fruit', c: 'fruit' }, 1 / 3],
    ],
  },
  'tests: multichoice': {
    gift: '::Colours:: What colour is a banana? {\n=Yellow # Right.\n~Red # Wrong.\n~Blue # Also wrong.\n#### Bananas are yellow.\n}',
    question: { type: 'single', generalFeedback: 'Bananas are yellow.' },
    grades: [
      ['a', 1, 'Right. Bananas are yellow.'],
      ['b', 0, 'Wrong. Bananas are yellow.'],
    ],
  },
  'tests: multichoice with partial credit': {
    gift: '::q:: Best place? {=Here ~%50%Near here # Close. ~%-50%Far # Penalty. ~Nowhere}',
    question: { type: 'single', options: [{ correct: true }, { weight: 50 }, { weight: -50 }, { correct: false }] },
    grades: [
      ['a', 1],
      ['b', 0.5, 'Close.'],
      ['c', 0, 'Penalty.'],
      ['d', 0],
    ],
  },
  'tests: multichoice with two right answers': {
    gift: '::q:: Name a prime {=2 =3 ~4}',
    question: { type: 'single', options: [{ correct: true }, { correct: true }, { correct: false }] },
    grades: [
      ['a', 1],
      ['b', 1],
      ['c', 0],
    ],
  },
  'tests: multiple answers': {
    gift: '::q:: Which are even? {\n~%50%Two # Yes.\n~%50%Four # Yes.\n~%-100%Five # No.\n~%-100%Seven\n}',
    question: { type: 'multiple' },
    grades: [
      [['a', 'b'], 1, 'Yes. Yes.'],
      [['a'], 0.5, 'Yes.'],
      [['a', 'b', 'c'], 0, 'Yes. Yes. No.'],
      [[], 0],
    ],
  },
  'tests: multiple answers, tricky weights': {
    gift: '::q:: Pick {~%100%Only right ~%-50%Wrong ~%-50%Also wrong}',
    question: { type: 'multiple', options: [{ weight: 100 }, { weight: -50 }, { weight: -50 }] },
    grades: [
      [['a'], 1],
      [['a', 'b'], 0.5],
      [['b', 'c'], 0],
    ],
  },
  'tests: multiple answers, thirds': {
    gift: '::q:: Pick three {~%33.33333%A ~%33.33333%B ~%33.33333%C ~%-100%D}',
    question: { type: 'multiple' },
    grades: [
      [['a', 'b', 'c'], 1],
      [['a'], 0.3333333],
    ],
  },
  'tests: multichoice with html format': {
    gift: '::q::[html]<p>What is <b>bold</b>?</p>{=<b>This</b> ~That}',
    question: {
      type: 'single',
      format: 'html',
      prompt: '<p>What is <b>bold</b>?</p>',
      options: [{ text: '<b>This</b>' }, { text: 'That' }],
    },
    grades: [['a', 1]],
  },
  'tests: markdown prompt': {
    gift: '::q::[markdown]Is *this* emphasised? {T}',
    question: { format: 'markdown', prompt: 'Is *this* emphasised?' },
  },
  'tests: plain prompt': {
    gift: '::q::[plain]Is <b> a tag? {T}',
    question: { format: 'plain', prompt: 'Is <b> a tag?' },
  },
  'tests: moodle prompt': {
    gift: '::q::[moodle]Moodle auto-format {T}',
    question: { format: 'moodle', prompt: 'Moodle auto-format' },
  },
  'tests: short answer': {
    gift: '::Shortanswer:: Which is the best animal? {=Frog # Good! =%50%Cow # What is a cow? #### Frogs are the best.}',
    question: {
      type: 'short',
      accept: [
        { text: 'Frog', feedback: 'Good!' },
        { text: 'Cow', weight: 50, feedback: 'What is a cow?' },
      ],
    },
    grades: [
      ['frog', 1, 'Good! Frogs are the best.'],
      ['Cow', 0.5, 'What is a cow? Frogs are the best.'],
      ['Dog', 0, 'Frogs are the best.'],
    ],
  },
  'tests: short answer written without =': {
    gift: '::q:: Two plus two in letters? {four}',
    question: { type: 'short', accept: ['four'] },
    grades: [['Four', 1]],
  },
  'tests: short answer wildcard': {
    gift: '::q:: Name a loan {=bridge loan # Exact. =%50%*loan # A loan, at least. =%0%* # Not a loan.}',
    question: { type: 'short' },
    grades: [
      ['Bridge Loan', 1, 'Exact.'],
      ['gap loan', 0.5, 'A loan, at least.'],
      ['grant', 0, 'Not a loan.'],
    ],
  },
  'tests: short answer with an escaped star': {
    gift: '::q:: Multiply sign? {=\\*}',
    question: { type: 'short', accept: ['\\*'] },
    grades: [
      ['*', 1],
      ['x', 0],
    ],
  },
  'tests: true/false with feedback': {
    gift: '::tf:: 42 is the answer. {TRUE#42 is the real answer.#You gave the right answer.}',
    question: {
      type: 'truefalse',
      answer: true,
      feedback: { correct: 'You gave the right answer.', incorrect: '42 is the real answer.' },
    },
    grades: [
      [true, 1, 'You gave the right answer.'],
      [false, 0, '42 is the real answer.'],
    ],
  },
  'tests: true/false F with feedback': {
    gift: '::tf:: 42 is not the answer. {F#Wrong, it is.#Right, it is not.}',
    question: { type: 'truefalse', answer: false },
    grades: [
      [false, 1, 'Right, it is not.'],
      [true, 0, 'Wrong, it is.'],
    ],
  },
  'tests: true/false general feedback': {
    gift: '::tf:: Water is wet. {T####Water wets things.}',
    question: { type: 'truefalse', generalFeedback: 'Water wets things.' },
    grades: [
      [true, 1, 'Water wets things.'],
      [false, 0, 'Water wets things.'],
    ],
  },
  'tests: backslashes and escapes': {
    gift: String.raw`::q:: Escapes \: \# \= \{ \} \~ \\ here {=a \= b ~c \~ d}`,
    question: { prompt: 'Escapes : # = { } ~ \\ here', options: [{ text: 'a = b' }, { text: 'c ~ d' }] },
  },
  'tests: escaped newline': {
    gift: String.raw`::q:: Line one\nline two {T}`,
    question: { prompt: 'Line one\nline two' },
  },
  'tests: category then question': {
    gift: '$CATEGORY: $course$/Default\n\n::q:: After a category {T}',
    question: { key: 'q' },
  },
  'tests: comments before a question': {
    gift: '// question: 1 name: x\n// another comment\n::q:: Commented {T}',
    question: { key: 'q' },
  },
  'tests: title with escaped colon': {
    gift: String.raw`::Time\: 10\:30:: When? {=Now ~Later}`,
    question: { key: 'Time: 10:30' },
  },
  'tests: question without title uses position': { gift: 'Untitled? {T}', question: { key: 'q1' } },

  // what the issue lists
  'issue: lone colon in text': {
    gift: '::q:: The meeting is at 10:30, right? {T}',
    question: { prompt: 'The meeting is at 10:30, right?' },
  },
  'issue: URL in text': {
    gift: '::q:: Is https://example.org/a:b up? {T}',
    question: { prompt: 'Is https://example.org/a:b up?' },
  },
  'issue: colon in feedback and answer': {
    gift: '::q:: Pick {=Right: this one # Right: well done. ~Wrong: that one}',
    question: { options: [{ text: 'Right: this one', feedback: 'Right: well done.' }, { text: 'Wrong: that one' }] },
    grades: [['a', 1, 'Right: well done.']],
  },
  'issue: = and # in question text': {
    gift: '::q:: Is 2 + 2 = 4 in #maths? {T}',
    question: { prompt: 'Is 2 + 2 = 4 in #maths?' },
  },
  'issue: partial credit on a numeric answer': {
    gift: '::n:: Year? {#=1822:0 =%50%1822:2}',
    question: {
      answers: [
        { value: 1822, tolerance: 0 },
        { value: 1822, tolerance: 2, weight: 50 },
      ],
    },
    grades: [
      [1822, 1],
      [1824, 0.5],
      [1825, 0],
    ],
  },
  'issue: partial credit on a short answer': {
    gift: '::s:: Name it. {=%100%loan =%50%credit}',
    question: { accept: ['loan', { text: 'credit', weight: 50 }] },
    grades: [
      ['loan', 1],
      ['credit', 0.5],
    ],
  },
  'issue: line breaks in a prompt': {
    gift: '::q:: First line\nSecond line {T}',
    question: { prompt: 'First line\nSecond line' },
  },
  'issue: feedback of the matching short answer': {
    gift: '::s:: Interim financing? {=bridge loan # A bridge. =gap financing # The gap.}',
    question: { type: 'short' },
    grades: [
      ['gap financing', 1, 'The gap.'],
      ['bridge loan', 1, 'A bridge.'],
    ],
  },
  'issue: missing word true/false': {
    gift: 'The sun {T} in the east.',
    question: { type: 'truefalse', prompt: 'The sun _____ in the east.' },
  },
  'issue: numeric in a multi-line block with wrong-answer feedback': {
    gift: '::n:: Pick 7 {#\n=7 # Yes.\n~# Not seven.\n}',
    question: { type: 'numeric' },
    grades: [
      [7, 1, 'Yes.'],
      [8, 0, 'Not seven.'],
    ],
  },
  'issue: negative numbers and ranges': {
    gift: '::n:: Below zero? {#-10..-1}',
    question: { answers: [{ min: -10, max: -1 }] },
    grades: [
      [-5, 1],
      [0, 0],
    ],
  },
  'issue: numeric decimal comma typed': {
    gift: '::n:: Pi? {#3.14:0.01}',
    question: { type: 'numeric' },
    grades: [
      ['3,14', 1],
      ['3,2', 0],
    ],
  },
};

const MODULE_ID = '5f0c4e8a-2b1d-4c3e-9f80-0a1b2c3d4e5f';

/** The quiz a GIFT text becomes, through the same document validation and snapshot as any module. */
function quizOf(gift: string): { quiz: QuizItem; warnings: string[]; authored: any[] } {
  const result = validateModuleDocument({
    slug: 'corpus',
    title: 'Corpus',
    summary: 'GIFT',
    units: [{ key: 'u', title: 'U', items: [{ key: 'quiz', kind: 'quiz', title: 'Q', passMark: 50, gift }] }],
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const snapshot = buildSnapshot(
    { moduleId: MODULE_ID, version: 1, publishedAt: '2026-01-01T00:00:00Z' },
    result.document,
  );
  const item = result.document.units[0].items[0] as { questions: any[] };
  return { quiz: snapshot.units[0].items[0] as QuizItem, warnings: result.warnings, authored: item.questions };
}

/** An answer written by keys and texts, as ids. */
function answerFor(question: SnapshotQuestion, given: Given): Answer {
  switch (question.type) {
    case 'single':
      return question.options.find((o) => o.key === given)!.id;
    case 'multiple':
      return (given as string[]).map((key) => question.options.find((o) => o.key === key)!.id);
    case 'matching':
      return Object.fromEntries(
        Object.entries(given as Record<string, string>).map(([left, right]) => [
          question.pairs.find((p) => p.key === left)!.id,
          question.choices.find((c) => c.text === right)!.id,
        ]),
      );
    default:
      return given as Answer;
  }
}

describe('GIFT corpus: Moodle’s importer tests and examples.txt, read and graded as Moodle does', () => {
  it('holds about 55 inputs', () => expect(Object.keys(CORPUS).length).toBeGreaterThanOrEqual(55));

  describe.each(Object.entries(CORPUS))('%s', (_name, { gift, question, grades = [] }) => {
    const { quiz, warnings, authored } = quizOf(
      gift.includes('{}') || gift.includes('{####') ? `::keep:: Kept {T}\n\n${gift}` : gift,
    );

    if (question.skipped) {
      it('is skipped with a warning naming its line, the rest imported', () => {
        expect(authored.map((q) => q.key)).toEqual(['keep']);
        expect(warnings).toEqual([
          expect.stringMatching(/^units\[0\]\.items\[0\]\.gift: line 3: essay question ".+" skipped/),
        ]);
      });
      return;
    }

    it('means the same question', () => {
      expect(authored).toHaveLength(1);
      expect(authored[0]).toMatchObject(question);
    });

    if (!grades.length) return;
    it.each(
      grades.map(([given, credit, feedback]) => [JSON.stringify(given), given, credit, feedback ?? null] as const),
    )('grades %s', (_label, given, credit, feedback) => {
      const target = quiz.questions[0];
      const answers = given === null ? {} : { [target.id]: answerFor(target, given) };
      const [result] = gradeAttempt(quiz, answers, 'en').results;
      expect(result.credit).toBeCloseTo(credit, 6);
      expect(result.correct).toBe(credit === 1);
      expect(result.feedback ?? null).toBe(feedback);
    });
  });
});
