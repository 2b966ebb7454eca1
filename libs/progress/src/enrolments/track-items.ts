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
