import { validateModuleDocument, type ModuleDocument } from '@greenlight/content';
import type { ChoiceQuestion, QuizItem } from '../catalog-reader/module-snapshot';
import { buildSnapshot, documentHash, stableId } from './snapshot-builder';

const MODULE_ID = '0b6f4c1e-3c1f-4d5e-9a43-6f1d0c2b7a11';

function document(overrides: (d: any) => void = () => undefined): ModuleDocument {
  const raw: any = {
    slug: 'budgets',
    title: 'Budgets',
    summary: 'S',
    units: [
      {
        key: 'u1',
        title: 'U1',
        items: [
          { key: 'read', kind: 'lesson', title: 'Read', body: 'Body' },
          {
            key: 'check',
            kind: 'quiz',
            title: 'Check',
            passMark: 50,
            questions: [
              {
                key: 'q1',
                type: 'multiple',
                prompt: 'Pick',
                options: [
                  { key: 'a', text: 'A', weight: 50 },
                  { key: 'b', text: 'B', weight: 50 },
                  { key: 'c', text: 'C' },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  overrides(raw);
  const result = validateModuleDocument(raw);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.document;
}

const header = (version: number) => ({ moduleId: MODULE_ID, version, publishedAt: '2026-01-01T00:00:00.000Z' });
const quizOf = (d: ModuleDocument, version = 1) => buildSnapshot(header(version), d).units[0].items[1] as QuizItem;

describe('snapshots', () => {
  it('freeze how long certificates stay valid, and leave the field out when they never expire', () => {
    const expiring = buildSnapshot(
      header(1),
      document((d) => (d.certificate = { enabled: true, cpdHours: 2, validForMonths: 24 })),
    );
    expect(expiring.certificate).toEqual({ enabled: true, cpdHours: 2, validForMonths: 24 });
    const lasting = buildSnapshot(
      header(1),
      document((d) => (d.certificate = { enabled: true, cpdHours: 2, validForMonths: null })),
    );
    expect(lasting.certificate).toEqual({ enabled: true, cpdHours: 2 });
  });

  it('keeps unit, item, question and option ids across versions, even when things move', () => {
    const v1 = buildSnapshot(header(1), document());
    const v2 = buildSnapshot(
      header(2),
      document((d) => {
        d.units[0].items.reverse();
        d.units[0].items[0].questions[0].options.reverse();
        d.units.unshift({
          key: 'u0',
          title: 'New first unit',
          items: [{ key: 'x', kind: 'lesson', title: 'X', body: 'B' }],
        });
      }),
    );
    expect(v2.units[1].id).toBe(v1.units[0].id);
    expect(v2.units[1].position).toBe(2);
    const quiz1 = v1.units[0].items[1] as QuizItem;
    const quiz2 = v2.units[1].items[0] as QuizItem;
    expect(quiz2.id).toBe(quiz1.id);
    expect(quiz2.questions[0].id).toBe(quiz1.questions[0].id);
    const optionIds = (q: ChoiceQuestion) => Object.fromEntries(q.options.map((o) => [o.key, o.id]));
    expect(optionIds(quiz2.questions[0] as ChoiceQuestion)).toEqual(optionIds(quiz1.questions[0] as ChoiceQuestion));
  });

  it('derives ids from the module and the keys, so another module or key gives another id', () => {
    expect(stableId(MODULE_ID, 'item', 'u1', 'read')).toBe(buildSnapshot(header(1), document()).units[0].items[0].id);
    expect(stableId(MODULE_ID, 'item', 'u2', 'read')).not.toBe(stableId(MODULE_ID, 'item', 'u1', 'read'));
    expect(stableId('5e1f1f4a-8f57-4c61-8d4c-2f6f3f2b9c00', 'item', 'u1', 'read')).not.toBe(
      stableId(MODULE_ID, 'item', 'u1', 'read'),
    );
  });

  it('gives every option of a weighted question a weight and marks positive weights correct', () => {
    const question = quizOf(document()).questions[0] as ChoiceQuestion;
    expect(question.options.map((o) => [o.key, o.correct, o.weight])).toEqual([
      ['a', true, 50],
      ['b', true, 50],
      ['c', false, 0],
    ]);
  });

  it('leaves weights out of unweighted questions', () => {
    const plain = document((d) => {
      d.units[0].items[1].questions[0].options = [
        { key: 'a', text: 'A', correct: true },
        { key: 'b', text: 'B' },
      ];
    });
    expect((quizOf(plain).questions[0] as ChoiceQuestion).options.every((o) => !('weight' in o))).toBe(true);
  });

  it("copies the module's accent-insensitive grading onto each quiz, and leaves it out by default", () => {
    expect(quizOf(document((d) => (d.grading = { ignoreAccents: true }))).grading).toEqual({ ignoreAccents: true });
    expect(quizOf(document((d) => (d.grading = { ignoreAccents: false })))).not.toHaveProperty('grading');
    expect(quizOf(document())).not.toHaveProperty('grading');
  });

  it('hashes equal documents equally, whatever their key order, and different ones differently', () => {
    const a = document();
    const reversedKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversedKeys)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversedKeys(v)]),
            )
          : value;
    expect(documentHash(document())).toBe(documentHash(a));
    expect(documentHash(reversedKeys(a) as ModuleDocument)).toBe(documentHash(a));
    expect(documentHash(document((d) => (d.title = 'Other')))).not.toBe(documentHash(a));
  });
});
