import { moduleDocumentJsonSchema, validateModuleDocument } from './validate-document';

/** A small valid document; each test breaks one thing and looks for the message at its path. */
function validDocument(): any {
  return {
    slug: 'banking-for-producers',
    title: { en: 'Banking for Producers', fr: 'Les banques et les producteurs' },
    summary: 'Interim financing, gap loans and cash flow.',
    certificate: { enabled: true, cpdHours: 4.5 },
    opensAt: null,
    closesAt: null,
    tracks: [
      { key: 'emerging', title: 'New and emerging producers' },
      { key: 'established', title: 'Established producers' },
    ],
    units: [
      {
        key: 'u1',
        title: 'Banks',
        tracks: [],
        items: [
          { key: 'read', kind: 'lesson', title: 'Read', body: 'Markdown', videoUrl: null, estimatedMinutes: 15 },
          {
            key: 'check',
            kind: 'quiz',
            title: 'Check',
            passMark: 70,
            maxAttempts: 3,
            questions: [
              {
                key: 'q1',
                type: 'single',
                prompt: 'Pick one',
                options: [
                  { key: 'a', text: 'Right', correct: true, feedback: 'Yes' },
                  { key: 'b', text: 'Wrong' },
                ],
              },
              {
                key: 'q2',
                type: 'multiple',
                prompt: 'Pick some',
                options: [
                  { key: 'a', text: 'A', correct: true },
                  { key: 'b', text: 'B', correct: true },
                  { key: 'c', text: 'C' },
                ],
              },
              { key: 'q3', type: 'truefalse', prompt: 'True?', answer: true },
              { key: 'q4', type: 'short', prompt: 'Name it', accept: ['interim financing', 'gap financing'] },
              { key: 'q5', type: 'numeric', prompt: 'How much?', answer: 7.1, tolerance: 0.1 },
            ],
          },
          {
            key: 'webinar',
            kind: 'event',
            title: 'Webinar',
            startsAt: '2026-03-04T18:00:00-05:00',
            endsAt: '2026-03-04T19:00:00-05:00',
            joinUrl: 'https://example.org/webinar',
          },
        ],
      },
      { key: 'u2', title: 'Established only', tracks: ['established'], items: [{ key: 'r', kind: 'lesson', title: 'R', body: 'B' }] },
    ],
  };
}

function errorsOf(document: unknown): string[] {
  const result = validateModuleDocument(document);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

describe('the module document schema', () => {
  it('accepts the API.md example shape and fills in defaults', () => {
    const result = validateModuleDocument(validDocument());
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const lesson = result.document.units[1].items[0];
    expect(lesson).toEqual({ key: 'r', kind: 'lesson', title: 'R', body: 'B', videoUrl: null, estimatedMinutes: null });
    expect(result.document.units[0].items[2]).toMatchObject({ location: null });
  });

  it('defaults to no certificate and no tracks when they are left out', () => {
    const document = validDocument();
    delete document.certificate;
    delete document.tracks;
    document.units[1].tracks = [];
    const result = validateModuleDocument(document);
    expect(result.ok && result.document.certificate).toEqual({ enabled: false, cpdHours: 0 });
    expect(result.ok && result.document.tracks).toEqual([]);
  });

  it.each([
    ['a slug that is not lowercase-hyphenated', (d: any) => (d.slug = 'Banking Producers'), 'slug: must be lowercase letters and digits separated by single hyphens'],
    ['a missing title', (d: any) => delete d.title, 'title: is required'],
    ['a text object without English', (d: any) => (d.summary = { fr: 'Résumé' }), 'summary.en: is required'],
    ['a text in an unknown language', (d: any) => (d.summary = { en: 'S', de: 'Z' }), 'summary: unknown field "de"'],
    ['an empty text', (d: any) => (d.units[0].title = '  '), 'units[0].title: must not be empty'],
    ['an unknown field', (d: any) => (d.units[0].items[0].author = 'me'), 'units[0].items[0]: unknown field "author"'],
    ['an unknown item kind', (d: any) => (d.units[0].items[0].kind = 'video'), 'units[0].items[0].kind: kind must be one of lesson, quiz, event'],
    ['an unknown question type', (d: any) => (d.units[0].items[1].questions[0].type = 'essay'), 'units[0].items[1].questions[0].type: type must be one of single, multiple, truefalse, short, numeric, matching, description'],
    ['duplicate unit keys', (d: any) => (d.units[1].key = 'u1'), 'units: duplicate key "u1"'],
    ['duplicate item keys in a unit', (d: any) => (d.units[0].items[2].key = 'read'), 'units[0].items: duplicate key "read"'],
    ['duplicate question keys in a quiz', (d: any) => (d.units[0].items[1].questions[3].key = 'q1'), 'units[0].items[1].questions: duplicate key "q1"'],
    ['duplicate option keys in a question', (d: any) => (d.units[0].items[1].questions[1].options[2].key = 'a'), 'units[0].items[1].questions[1].options: duplicate key "a"'],
    ['duplicate track keys', (d: any) => (d.tracks[1].key = 'emerging'), 'tracks: duplicate key "emerging"'],
    ['an unknown track key on a unit', (d: any) => (d.units[1].tracks = ['established', 'veteran']), 'units[1].tracks[1]: unknown track "veteran"'],
    ['a single-choice question with no correct option', (d: any) => (d.units[0].items[1].questions[0].options[0].correct = false), 'units[0].items[1].questions[0].options: a single-choice question needs a fully right option (correct: true, or weight 100)'],
    ['a single-choice question with only partial credit', (d: any) => { const o = d.units[0].items[1].questions[0].options; o[0].correct = false; o[0].weight = 50; }, 'units[0].items[1].questions[0].options: a single-choice question needs a fully right option (correct: true, or weight 100)'],
    ['a correct single-choice option with partial credit', (d: any) => (d.units[0].items[1].questions[0].options[0].weight = 50), 'units[0].items[1].questions[0].options[0].weight: a correct option is worth 100: give partial credit to an option not marked correct'],
    ['a weight above 100', (d: any) => (d.units[0].items[1].questions[0].options[1].weight = 150), 'units[0].items[1].questions[0].options[1].weight: must be from -100 to 100'],
    ['a short answer with only partial credit', (d: any) => (d.units[0].items[1].questions[3].accept = [{ text: 'loan', weight: 50 }]), 'units[0].items[1].questions[3].accept: needs an answer worth 100 (a weight of 100, or none)'],
    ['a numeric answer with both a value and a range', (d: any) => (d.units[0].items[1].questions[4].answers = [{ value: 1, min: 0, max: 2 }]), 'units[0].items[1].questions[4].answers[0]: give either value (and tolerance) or min and max'],
    ['a numeric range without its max', (d: any) => (d.units[0].items[1].questions[4].answers = [{ min: 0 }]), 'units[0].items[1].questions[4].answers[0].max: is required with a range'],
    ['a numeric question with only partial credit', (d: any) => { const q = d.units[0].items[1].questions[4]; delete q.answer; q.answers = [{ value: 1, weight: 50 }]; }, 'units[0].items[1].questions[4].answer: a numeric question needs an answer, a range, or one of its answers worth 100'],
    ['a matching question with one pair', (d: any) => (d.units[0].items[1].questions[0] = { key: 'm', type: 'matching', prompt: 'M', pairs: [{ key: 'a', left: 'A', right: 'B' }] }), 'units[0].items[1].questions[0].pairs: needs at least two pairs'],
    ['duplicate pair keys', (d: any) => (d.units[0].items[1].questions[0] = { key: 'm', type: 'matching', prompt: 'M', pairs: [{ key: 'a', left: 'A', right: 'B' }, { key: 'a', left: 'C', right: 'D' }] }), 'units[0].items[1].questions[0].pairs: duplicate key "a"'],
    ['an unknown text format', (d: any) => (d.units[0].items[1].questions[0].format = 'latex'), 'units[0].items[1].questions[0].format: must be one of plain, markdown, html, moodle'],
    ['feedback on a description', (d: any) => (d.units[0].items[1].questions[0] = { key: 'd', type: 'description', prompt: 'Read', feedback: { correct: 'x' } }), 'units[0].items[1].questions[0]: unknown field "feedback"'],
    ['a multiple-answer question with no correct option', (d: any) => d.units[0].items[1].questions[1].options.forEach((o: any) => (o.correct = false)), 'units[0].items[1].questions[1].options: a multiple-answer question needs at least one correct option'],
    ['weights that do not add up to 100', (d: any) => { const o = d.units[0].items[1].questions[1].options; o[0].weight = 50; o[1].weight = 30; }, 'units[0].items[1].questions[1].options: the positive weights must add up to 100 (they add up to 80)'],
    ['a correct option without a weight among weighted ones', (d: any) => (d.units[0].items[1].questions[1].options[0].weight = 100), 'units[0].items[1].questions[1].options[1].weight: when any option has a weight, every correct option needs a positive weight'],
    ['a question with one option', (d: any) => d.units[0].items[1].questions[0].options.pop(), 'units[0].items[1].questions[0].options: needs at least two options'],
    ['a pass mark above 100', (d: any) => (d.units[0].items[1].passMark = 101), 'units[0].items[1].passMark: must be from 0 to 100'],
    ['a negative pass mark', (d: any) => (d.units[0].items[1].passMark = -1), 'units[0].items[1].passMark: must be from 0 to 100'],
    ['zero attempts', (d: any) => (d.units[0].items[1].maxAttempts = 0), 'units[0].items[1].maxAttempts: must be at least 1 (or null for unlimited)'],
    ['a quiz with no questions', (d: any) => (d.units[0].items[1].questions = []), 'units[0].items[1].questions: a quiz needs at least one question'],
    ['a quiz with neither questions nor GIFT', (d: any) => delete d.units[0].items[1].questions, 'units[0].items[1].questions: a quiz needs questions (or gift)'],
    ['a true/false answer that is not a boolean', (d: any) => (d.units[0].items[1].questions[2].answer = 'yes'), 'units[0].items[1].questions[2].answer: must be true or false'],
    ['a short answer with nothing accepted', (d: any) => (d.units[0].items[1].questions[3].accept = []), 'units[0].items[1].questions[3].accept: needs at least one accepted answer'],
    ['a numeric question with neither answer nor range', (d: any) => delete d.units[0].items[1].questions[4].answer, 'units[0].items[1].questions[4].answer: a numeric question needs an answer, a range, or one of its answers worth 100'],
    ['a negative tolerance', (d: any) => (d.units[0].items[1].questions[4].tolerance = -1), 'units[0].items[1].questions[4].tolerance: must not be negative'],
    ['a range whose max is below its min', (d: any) => (d.units[0].items[1].questions[4].ranges = [{ min: 5, max: 1 }]), 'units[0].items[1].questions[4].ranges[0].max: must not be less than min'],
    ['an event that ends before it starts', (d: any) => (d.units[0].items[2].endsAt = '2026-03-04T17:00:00-05:00'), 'units[0].items[2].endsAt: an event must end after it starts'],
    ['an event with neither location nor joinUrl', (d: any) => delete d.units[0].items[2].joinUrl, 'units[0].items[2].location: an event needs a location or a joinUrl'],
    ['a date-time without an offset', (d: any) => (d.units[0].items[2].startsAt = '2026-03-04T18:00:00'), 'units[0].items[2].startsAt: must be an ISO-8601 date-time with an offset'],
    ['a join URL that is not http(s)', (d: any) => (d.units[0].items[2].joinUrl = 'javascript:alert(1)'), 'units[0].items[2].joinUrl: must be an http(s) URL'],
    ['a module that closes before it opens', (d: any) => Object.assign(d, { opensAt: '2026-05-01T00:00:00Z', closesAt: '2026-04-01T00:00:00Z' }), 'closesAt: must be after opensAt'],
    ['a negative CPD hours', (d: any) => (d.certificate.cpdHours = -2), 'certificate.cpdHours: must not be negative'],
    ['a certificate valid for a fraction of a month', (d: any) => (d.certificate.validForMonths = 1.5), 'certificate.validForMonths: must be a whole number of months'],
    ['a certificate valid for no time at all', (d: any) => (d.certificate.validForMonths = 0), 'certificate.validForMonths: must be at least 1 month'],
    ['a certificate valid for more than ten years', (d: any) => (d.certificate.validForMonths = 121), 'certificate.validForMonths: must be at most 120 months (10 years)'],
    ['a unit without items', (d: any) => (d.units[1].items = []), 'units[1].items: a unit needs at least one item'],
    ['a module without units', (d: any) => (d.units = []), 'units: a module needs at least one unit'],
    ['a lesson body left as a file reference', (d: any) => (d.units[0].items[0].body = './unit-1.md'), 'units[0].items[0].body: file references (such as ./unit-1.md) are read only by the file importer (npm run content -- import); send the text itself'],
    ['a French body left as a file reference', (d: any) => (d.units[0].items[0].body = { en: 'Body', fr: './a.fr.md' }), 'units[0].items[0].body.fr: file references (such as ./unit-1.md) are read only by the file importer (npm run content -- import); send the text itself'],
    ['GIFT left as a file reference', (d: any) => (d.units[0].items[1].gift = './check.gift'), 'units[0].items[1].gift: file references (such as ./unit-1.md) are read only by the file importer (npm run content -- import); send the text itself'],
  ])('refuses %s, naming its path', (_name, breakIt, expected) => {
    const document = validDocument();
    breakIt(document);
    expect(errorsOf(document)).toContain(expected);
  });

  it('reports every problem at once, cross-field rules included', () => {
    const document = validDocument();
    document.slug = 'Not A Slug';
    document.units[0].items[1].passMark = 150;
    document.units[0].items[1].questions[0].options[0].correct = false;
    document.units[0].items[2].endsAt = '2026-03-04T17:00:00-05:00';
    document.units[1].tracks = ['veteran'];
    document.units[1].key = 'u1';
    expect(errorsOf(document)).toEqual(
      expect.arrayContaining([
        'slug: must be lowercase letters and digits separated by single hyphens',
        'units[0].items[1].passMark: must be from 0 to 100',
        'units[0].items[1].questions[0].options: a single-choice question needs a fully right option (correct: true, or weight 100)',
        'units[0].items[2].endsAt: an event must end after it starts',
        'units[1].tracks[0]: unknown track "veteran"',
        'units: duplicate key "u1"',
      ]),
    );
  });

  it('converts GIFT into questions checked by the same rules', () => {
    const document = validDocument();
    document.units[0].items[1] = {
      key: 'gift-check',
      kind: 'quiz',
      title: 'GIFT',
      passMark: 60,
      gift: '::g1:: Capital of Canada? {=Ottawa ~Toronto}\n\n::g2:: Half right? {~%50%a ~b ~c}',
    };
    expect(errorsOf(document)).toEqual([
      'units[0].items[1].gift: line 3, question "g2": options: the positive weights must add up to 100 (they add up to 50)',
    ]);
    document.units[0].items[1].gift = '::g1:: Capital of Canada? {=Ottawa ~Toronto}';
    const result = validateModuleDocument(document);
    expect(result.ok && result.document.units[0].items[1]).toMatchObject({
      questions: [{ key: 'g1', type: 'single', options: [{ key: 'a', correct: true }, { key: 'b', correct: false }] }],
    });
  });

  it('passes GIFT syntax errors on with their line and column', () => {
    const document = validDocument();
    document.units[0].items[1] = { key: 'g', kind: 'quiz', title: 'G', passMark: 60, gift: '::q:: Fine {T}\n\n::x:: What: now {=a ~b' };
    expect(errorsOf(document)).toEqual([
      'units[0].items[1].gift: GIFT syntax error at line 3, column 17: a "{" without its "}" (write \\{ for the character)',
    ]);
  });

  it('accepts what GIFT accepts and returns warnings for what it skipped or renamed', () => {
    const document = validDocument();
    document.units[0].items[1] = {
      key: 'g',
      kind: 'quiz',
      title: 'G',
      passMark: 60,
      gift: '::q:: At 10:30? {T}\n\n::q:: Again? {F}\n\n::essay:: Tell us. {}',
    };
    const result = validateModuleDocument(document);
    expect(result.ok && result.document.units[0].items[1]).toMatchObject({ questions: [{ key: 'q' }, { key: 'q-2' }] });
    expect(result.warnings).toEqual([
      'units[0].items[1].gift: line 3: the title "q" is already used by an earlier question; this one is keyed "q-2"',
      'units[0].items[1].gift: line 5: essay question "essay" skipped (essays need grading by hand)',
    ]);
  });

  it('refuses duplicate keys between authored and GIFT questions', () => {
    const document = validDocument();
    document.units[0].items[1].gift = '::q1:: Again? {T}';
    expect(errorsOf(document)).toContain('units[0].items[1].gift: duplicate key "q1"');
  });

  it('takes an optional module-level grading setting, ignoreAccents defaulting to false', () => {
    const on = validateModuleDocument({ ...validDocument(), grading: { ignoreAccents: true } });
    expect(on.ok && on.document.grading).toEqual({ ignoreAccents: true });
    const empty = validateModuleDocument({ ...validDocument(), grading: {} });
    expect(empty.ok && empty.document.grading).toEqual({ ignoreAccents: false });
    const absent = validateModuleDocument(validDocument());
    expect(absent.ok && absent.document.grading).toBeUndefined();
    expect(validateModuleDocument({ ...validDocument(), grading: { ignoreAccents: 'yes' } })).toEqual({
      ok: false,
      errors: ['grading.ignoreAccents: expected boolean, received string'],
      warnings: [],
    });
    expect(validateModuleDocument({ ...validDocument(), grading: { ignoreCase: true } })).toEqual({
      ok: false,
      errors: ['grading: unknown field "ignoreCase"'],
      warnings: [],
    });
  });

  it('is published as JSON Schema for authors', () => {
    const schema = moduleDocumentJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['slug', 'title', 'summary', 'certificate', 'tracks', 'units']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['slug', 'title', 'summary', 'units']));
  });
});

describe('documents that are not objects at all', () => {
  it.each([
    [null, 'expected object, received null'],
    ['a string', 'expected object, received string'],
    [[], 'expected object, received array'],
  ])('refuses %j with one clear message instead of failing', (input, message) => {
    const result = validateModuleDocument(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join(' ')).toContain(message);
  });

  it('reports a null unit, item or question by its path', () => {
    const result = validateModuleDocument({ slug: 'x', title: 'X', summary: 'X', units: [null, { key: 'u', title: 'U', items: [null] }] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^units\[0\]/), expect.stringMatching(/^units\[1\]\.items\[0\]/)]));
  });
});
