import type { ModuleSnapshot, SnapshotItem } from '../catalog-reader/module-snapshot';

/**
 * A module document equal to a snapshot (GIFT questions come back as authored questions), for
 * versions published before their document was kept. Validating and freezing it again gives the
 * same snapshot, so a draft started from it has nothing to publish until someone edits it.
 */
export function snapshotDocument(snapshot: ModuleSnapshot): Record<string, unknown> {
  const { moduleId: _id, version: _version, publishedAt: _at, units, ...module } = snapshot;
  // The module's grading settings are copied onto every quiz of the snapshot; the document holds them once.
  const grading = units.flatMap((unit) => unit.items).find((item) => item.kind === 'quiz' && item.grading);
  return {
    ...structuredClone(module),
    ...(grading?.kind === 'quiz' ? { grading: structuredClone(grading.grading) } : {}),
    units: units.map(({ id: _unitId, position: _position, items, ...unit }) => ({
      ...structuredClone(unit),
      items: items.map(itemDocument),
    })),
  };
}

/** Items, questions and options are their document selves plus the stable ids the snapshot adds. */
function itemDocument(item: SnapshotItem): Record<string, unknown> {
  if (item.kind !== 'quiz') return withoutId(item);
  const { grading: _grading, questions, ...quiz } = withoutId(item) as SnapshotItem & { kind: 'quiz' };
  return {
    ...quiz,
    questions: questions.map((question) => {
      const copy = withoutId(question);
      return 'options' in question ? { ...copy, options: question.options.map(withoutId) } : copy;
    }),
  };
}

function withoutId<T extends { id: string }>(value: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = structuredClone(value);
  return rest;
}
