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

/** Completions per calendar month (UTC), with the empty months in between, oldest first. */
export function completionsByMonth(dates: (string | null | undefined)[]): { month: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const iso of dates) {
    if (!iso) continue;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) continue;
    const month = date.toISOString().slice(0, 7);
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  const months = [...counts.keys()].sort();
  if (!months.length) return [];
  const result: { month: string; count: number }[] = [];
  let [year, month] = months[0].split('-').map(Number);
  const last = months[months.length - 1];
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    result.push({ month: key, count: counts.get(key) ?? 0 });
    if (key === last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return result;
}
