import { validateModuleDocument } from '../validate-document';
import { frenchGaps } from './french-gaps';

const GIFT_EN = '::q1:: Is a letter of interest a receivable? {F}\n\n::q2:: Name the gap loan {=bridge loan}';
const GIFT_FR = "::q1:: Une lettre d'intérêt est-elle une créance ? {F}\n\n::q2:: Nommez le prêt {=prêt relais}";

/** One of every localized text, all translated; each test takes the French away from one place. */
function translatedDocument(): any {
  return {
    slug: 'banking',
    title: { en: 'Banking', fr: 'Les banques' },
    summary: { en: 'Loans', fr: 'Les prêts' },
    certificate: { enabled: true, cpdHours: 2 },
    opensAt: '2027-01-01T09:00:00-05:00',
    tracks: [{ key: 'emerging', title: { en: 'Emerging', fr: 'Émergents' } }],
    units: [
      {
        key: 'u1',
        title: { en: 'Banks', fr: 'Les banques' },
        tracks: ['emerging'],
        items: [
          {
            key: 'read',
            kind: 'lesson',
            title: { en: 'Read', fr: 'Lire' },
            body: { en: 'A bank lends.', fr: 'Une banque prête.' },
            videoUrl: 'https://example.org/video',
          },
          {
            key: 'check',
            kind: 'quiz',
            title: { en: 'Check', fr: 'Vérification' },
            passMark: 70,
            questions: [
              {
                key: 'q1',
                type: 'single',
                prompt: { en: 'Pick one', fr: 'Choisissez' },
                options: [
                  { key: 'a', text: { en: 'Right', fr: 'Juste' }, correct: true, feedback: { en: 'Yes', fr: 'Oui' } },
                  { key: 'b', text: { en: 'Telefilm Canada', same: true } },
                ],
                feedback: { correct: { en: 'Good', fr: 'Bien' }, incorrect: { en: 'No', fr: 'Non' } },
              },
              {
                key: 'q2',
                type: 'short',
                prompt: { en: 'Name it', fr: 'Nommez-le' },
                accept: [{ en: 'bridge loan', fr: 'prêt relais' }, { en: 'EDC', fr: 'EDC', same: true }],
              },
            ],
          },
          { key: 'gift', kind: 'quiz', title: { en: 'GIFT', fr: 'GIFT', same: true }, passMark: 50, gift: { en: GIFT_EN, fr: GIFT_FR } },
          {
            key: 'meet',
            kind: 'event',
            title: { en: 'Meet-up', fr: 'Rencontre' },
            startsAt: '2027-03-04T18:00:00-05:00',
            endsAt: '2027-03-04T19:00:00-05:00',
            location: { en: 'Toronto, Ontario', fr: 'Toronto (Ontario)' },
            joinUrl: 'https://example.org/join',
          },
        ],
      },
    ],
  };
}

describe('frenchGaps', () => {
  it('finds nothing in a document translated throughout, or marked as deliberately the same', () => {
    const document = translatedDocument();
    expect(validateModuleDocument(document).ok).toBe(true);
    expect(frenchGaps(document)).toEqual([]);
  });

  it.each<[string, (d: any) => void, { path: string; en: string }]>([
    ['a bare string title', (d) => (d.title = 'Banking'), { path: 'title', en: 'Banking' }],
    ['a summary without fr', (d) => (d.summary = { en: 'Loans' }), { path: 'summary', en: 'Loans' }],
    ['a blank fr', (d) => (d.summary.fr = '  '), { path: 'summary', en: 'Loans' }],
    ['a track title', (d) => (d.tracks[0].title.fr = 'Emerging'), { path: 'tracks[0].title', en: 'Emerging' }],
    ['a unit title', (d) => (d.units[0].title = 'Banks'), { path: 'units[0].title', en: 'Banks' }],
    ['an item title', (d) => delete d.units[0].items[0].title.fr, { path: 'units[0].items[0].title', en: 'Read' }],
    ['a lesson body', (d) => (d.units[0].items[0].body.fr = 'A bank lends. '), { path: 'units[0].items[0].body', en: 'A bank lends.' }],
    ['a prompt', (d) => (d.units[0].items[1].questions[0].prompt = 'Pick one'), { path: 'units[0].items[1].questions[0].prompt', en: 'Pick one' }],
    [
      'an option',
      (d) => (d.units[0].items[1].questions[0].options[0].text = { en: 'Right', fr: 'Right' }),
      { path: 'units[0].items[1].questions[0].options[0].text', en: 'Right' },
    ],
    [
      "an option's feedback",
      (d) => (d.units[0].items[1].questions[0].options[0].feedback = 'Yes'),
      { path: 'units[0].items[1].questions[0].options[0].feedback', en: 'Yes' },
    ],
    [
      "a question's feedback",
      (d) => (d.units[0].items[1].questions[0].feedback.incorrect = 'No'),
      { path: 'units[0].items[1].questions[0].feedback.incorrect', en: 'No' },
    ],
    [
      'an accepted short answer',
      (d) => d.units[0].items[1].questions[1].accept.push('gap financing'),
      { path: 'units[0].items[1].questions[1].accept[2]', en: 'gap financing' },
    ],
    ['a GIFT quiz in English only', (d) => (d.units[0].items[2].gift = GIFT_EN), { path: 'units[0].items[2].gift', en: GIFT_EN }],
    ['a GIFT quiz without fr', (d) => (d.units[0].items[2].gift = { en: GIFT_EN }), { path: 'units[0].items[2].gift', en: GIFT_EN }],
    [
      'a live-session location',
      (d) => (d.units[0].items[3].location = 'Toronto, Ontario'),
      { path: 'units[0].items[3].location', en: 'Toronto, Ontario' },
    ],
  ])('reports %s', (_, change, gap) => {
    const document = translatedDocument();
    change(document);
    expect(frenchGaps(document)).toEqual([gap]);
  });

  it('never counts keys, dates, URLs, track keys or text formats as texts', () => {
    const document = translatedDocument();
    document.units[0].items[3].joinUrl = 'https://example.org/other';
    document.units[0].items[1].questions[0].format = 'markdown';
    document.units[0].tracks = ['emerging', 'established'];
    expect(frenchGaps(document)).toEqual([]);
  });

  it('reads a half-written draft without throwing', () => {
    expect(frenchGaps({ title: 'Draft', units: [null, { items: 'nope' }] })).toEqual([
      { path: 'title', en: 'Draft' },
      { path: 'units[1].items', en: 'nope' },
    ]);
    expect(frenchGaps(null)).toEqual([]);
  });
});

describe('same: true in the schema', () => {
  it('accepts {en, same: true} and {en, fr: en, same: true}, and refuses same: true with a different fr', () => {
    const document = translatedDocument();
    expect(validateModuleDocument(document).ok).toBe(true);
    document.units[0].items[1].questions[0].options[1].text = { en: 'Telefilm Canada', fr: 'Téléfilm Canada', same: true };
    const result = validateModuleDocument(document);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      'units[0].items[1].questions[0].options[1].text.same: same: true is for a text identical in French; fr differs from en',
    ]);
  });

  it('keeps the marking out of validated documents, so versions, grading and responses see only texts', () => {
    const result = validateModuleDocument(translatedDocument());
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const quiz = result.document.units[0].items[1] as any;
    expect(quiz.questions[0].options[1].text).toEqual({ en: 'Telefilm Canada' });
    expect(quiz.questions[1].accept).toEqual([
      { en: 'bridge loan', fr: 'prêt relais' },
      { en: 'EDC', fr: 'EDC' },
    ]);
  });

  it('refuses same: false and other values', () => {
    const document = translatedDocument();
    document.title.same = false;
    const result = validateModuleDocument(document);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([expect.stringMatching(/^title\.same: /)]);
  });
});
