import type { Enrolment, ModuleDetail, Unit } from '../api/types';

/** The units a member on this track sees: those for every track and those for theirs. */
export function unitsForTrack(module: Pick<ModuleDetail, 'units'>, track: string | null | undefined): Unit[] {
  return [...module.units]
    .filter((unit) => unit.tracks.length === 0 || (track ? unit.tracks.includes(track) : true))
    .sort((a, b) => a.position - b.position);
}

export function completedItemIds(enrolment: Enrolment | undefined): Set<string> {
  const done = new Set<string>();
  for (const unit of enrolment?.units ?? []) for (const item of unit.items) if (item.completed) done.add(item.id);
  return done;
}

export function unitProgress(unit: Unit, done: Set<string>): { completed: number; total: number; percent: number } {
  const total = unit.items.length;
  const completed = unit.items.filter((item) => done.has(item.id)).length;
  return { completed, total, percent: total ? Math.round((completed / total) * 100) : 0 };
}

/** The first item not yet done, where "continue" takes the member. */
export function nextItemId(units: Unit[], done: Set<string>): string | undefined {
  for (const unit of units) for (const item of unit.items) if (!done.has(item.id)) return item.id;
  return units[0]?.items[0]?.id;
}
