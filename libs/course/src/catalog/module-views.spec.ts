import { validateModuleDocument } from '@greenlight/content';
import { buildSnapshot } from './snapshot-builder';
import { answerKeyFieldsIn } from './answer-key.test-helper';
import { catalogEntry, moduleView } from './module-views';

const result = validateModuleDocument({
  slug: 'views',
  title: { en: 'Views', fr: 'Vues' },
  summary: { en: 'Summary', fr: 'Résumé' },
  opensAt: '2026-01-01T00:00:00Z',
  units: [
    {
      key: 'u1',
      title: { en: 'Unit', fr: 'Unité' },
      items: [
        {
          key: 'quiz',
          kind: 'quiz',
          title: 'Quiz',
          passMark: 50,
          gift: String.raw`::a:: One? {=x # yes ~y # no #### general}

::b:: Some? {~%50%x ~%50%y ~%-100%z}

::c:: True? {T#wrong#right}

::d:: Name? {=loan}

::e:: Number? {#5:1}

::f:: Range? {#1..5}

::g:: Match them. {=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo = -> Amsterdam}`,
        },
        {
          key: 'e',
          kind: 'event',
          title: 'E',
          startsAt: '2026-03-04T18:00:00-05:00',
          endsAt: '2026-03-04T19:00:00-05:00',
          location: { en: 'Room', fr: 'Salle' },
        },
      ],
    },
  ],
});
if (!result.ok) throw new Error(result.errors.join('\n'));
const snapshot = buildSnapshot(
  { moduleId: 'a7d5f3a0-1b2c-4d5e-8f90-123456789abc', version: 3, publishedAt: '2026-01-01T00:00:00.000Z' },
  result.document,
);

describe('module views', () => {
  it('never carries an answer-key field to members', () => {
    expect(answerKeyFieldsIn(moduleView(snapshot, 'published', { locale: 'en' }))).toEqual([]);
    expect(answerKeyFieldsIn(moduleView(snapshot, 'draft', { locale: 'fr' }))).toEqual([]);
  });

  it('gives staff the answer key when they ask for it', () => {
    const view = moduleView(snapshot, 'published', { locale: 'en', answers: true });
    const [a, b, c, d, e, f] = (view.units[0].items[0] as any).questions;
    expect(a.options[0]).toMatchObject({ correct: true, feedback: 'yes' });
    expect(b.options.map((o: any) => o.weight)).toEqual([50, 50, -100]);
    expect(c).toMatchObject({ answer: true, feedback: { correct: 'right', incorrect: 'wrong' } });
    expect(d.accept).toEqual(['loan']);
    expect(e.answers).toEqual([{ value: 5, tolerance: 1 }]);
    expect(f.answers).toEqual([{ min: 1, max: 5 }]);
    expect(a.generalFeedback).toBe('general');
    const g = (view.units[0].items[0] as any).questions[6];
    expect(g.pairs.map((p: any) => [p.left, p.right])).toEqual([
      ['Canada', 'Ottawa'],
      ['Italy', 'Rome'],
      ['Japan', 'Tokyo'],
    ]);
    const choiceText = new Map(g.choices.map((c: any) => [c.id, c.text]));
    expect(g.pairs.map((p: any) => choiceText.get(p.choiceId))).toEqual(['Ottawa', 'Rome', 'Tokyo']);
  });

  it('sends a member the left items and the right choices sorted by text, not the pairs', () => {
    const view = moduleView(snapshot, 'published', { locale: 'en' });
    const g = (view.units[0].items[0] as any).questions[6];
    expect(Object.keys(g).sort()).toEqual(['choices', 'format', 'id', 'items', 'key', 'prompt', 'type']);
    expect(g.items.map((i: any) => i.text)).toEqual(['Canada', 'Italy', 'Japan']);
    expect(g.choices.map((c: any) => c.text)).toEqual(['Amsterdam', 'Ottawa', 'Rome', 'Tokyo']);
    // A choice's id is not its pair's: nothing in the view links an item to its answer.
    const itemIds = new Set(g.items.map((i: any) => i.id));
    expect(g.choices.some((c: any) => itemIds.has(c.id))).toBe(false);
  });

  it('speaks the caller’s language, falling back to English', () => {
    const fr = moduleView(snapshot, 'published', { locale: 'fr' });
    expect(fr).toMatchObject({ title: 'Vues', summary: 'Résumé', version: 3 });
    expect(fr.units[0]).toMatchObject({ title: 'Unité', items: [{ title: 'Quiz' }, { location: 'Salle' }] });
    expect(catalogEntry(snapshot, 'fr')).toEqual({
      id: snapshot.moduleId,
      slug: 'views',
      title: 'Vues',
      summary: 'Résumé',
      unitCount: 1,
      tracks: [],
      certificate: { enabled: false, cpdHours: 0 },
      opensAt: '2026-01-01T00:00:00Z',
    });
  });

  it('shows a draft without a version number', () => {
    expect(moduleView(snapshot, 'draft', { locale: 'en' })).toMatchObject({ status: 'draft', version: null });
  });
});
