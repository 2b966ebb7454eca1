import type { ModuleSnapshot, SnapshotItem, SnapshotUnit } from '@greenlight/course';

/** The units a member on `track` works through (a unit with no tracks is for everyone). */
export function unitsForTrack(snapshot: ModuleSnapshot, track: string | null): SnapshotUnit[] {
  return snapshot.units.filter((unit) => unit.tracks.length === 0 || (track !== null && unit.tracks.includes(track)));
}

/** The item with this id among the track's units, with its unit; null when the member's track has no such item. */
export function findTrackItem(
  snapshot: ModuleSnapshot,
  track: string | null,
  itemId: string,
): { unit: SnapshotUnit; item: SnapshotItem } | null {
  for (const unit of unitsForTrack(snapshot, track)) {
    const item = unit.items.find((candidate) => candidate.id === itemId);
    if (item) return { unit, item };
  }
  return null;
}

/** Where a member stands on their track: the first item still to do and its unit (both null when none is left). */
export interface Position {
  itemId: string | null;
  unitId: string | null;
}

/** The first item of the track that `done` does not hold, with its unit. */
export function positionOf(snapshot: ModuleSnapshot, track: string | null, done: ReadonlySet<string>): Position {
  for (const unit of unitsForTrack(snapshot, track)) {
    const item = unit.items.find((candidate) => !done.has(candidate.id));
    if (item) return { itemId: item.id, unitId: unit.id };
  }
  return { itemId: null, unitId: null };
}

/**
 * The track's items in order, each with its unit, as the two parallel arrays the completion statement
 * reads to move the member's position ($5 and $6 of RECORD_ITEM_SQL).
 */
export function trackOrder(snapshot: ModuleSnapshot, track: string | null): { itemIds: string[]; unitIds: string[] } {
  const units = unitsForTrack(snapshot, track);
  return {
    itemIds: units.flatMap((unit) => unit.items.map((item) => item.id)),
    unitIds: units.flatMap((unit) => unit.items.map(() => unit.id)),
  };
}
