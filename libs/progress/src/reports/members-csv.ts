import { percentOf } from '../enrolments/enrolment-view';
import type { MemberRow } from './member-list.sql';

/** API.md's member-list CSV header, exactly. */
export const MEMBERS_CSV_HEADER =
  'name,email,track,status,percent,enrolled_at,completed_at,certificate_serial,last_activity_at,current_item,renewal';

/** The key of a member's current item (by id; ids are stable across versions), or null. */
export type ItemKeyOf = (itemId: string | null) => string | null;

/**
 * One RFC 4180 cell: quoted when it holds a comma, a quote, a line break or edge spaces, quotes
 * doubled. A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function memberCsvLine(row: MemberRow, itemKeyOf: ItemKeyOf = () => null): string {
  return [
    row.name,
    row.email,
    row.track,
    row.status,
    percentOf(row.completedItems, row.totalItems, row.status === 'completed'),
    new Date(row.enrolledAt).toISOString(),
    row.completedAt ? new Date(row.completedAt).toISOString() : null,
    row.certificateSerial,
    new Date(row.lastActivityAt).toISOString(),
    itemKeyOf(row.currentItemId),
    row.renewalOf ? 'true' : 'false',
  ]
    .map(csvCell)
    .join(',');
}

/** The header, then the rows as they arrive from the database, CRLF-terminated. */
export async function* membersCsv(
  batches: AsyncIterable<MemberRow[]>,
  itemKeyOf: ItemKeyOf = () => null,
): AsyncGenerator<string> {
  yield `${MEMBERS_CSV_HEADER}\r\n`;
  for await (const rows of batches) yield rows.map((row) => `${memberCsvLine(row, itemKeyOf)}\r\n`).join('');
}
