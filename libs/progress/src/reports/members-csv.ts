import { percentOf } from '../enrolments/enrolment-view';
import type { ExportedRow } from './member-list.sql';

/** API.md's member-list CSV header, exactly. */
export const MEMBERS_CSV_HEADER =
  'name,email,track,status,percent,enrolled_at,completed_at,certificate_serial,last_activity_at,current_item,renewal';

/** The key of a member's current item (by id; ids are stable across versions), or null. */
export type ItemKeyOf = (itemId: string | null) => string | null;

// Made once: a regular expression literal in csvCell would be a new object on every cell (an export writes
// nine cells a row).
const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One RFC 4180 cell: quoted when it holds a comma, a quote, a line break or edge spaces, quotes
 * doubled. A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
/** A row's line after its name and email (track … renewal): all the export keeps of a row until names come. */
export function memberCsvTail(row: ExportedRow, itemKeyOf: ItemKeyOf = () => null): string {
  const [, track, status, completed, total, enrolledAt, completedAt, serial, lastActivityAt, currentItemId, renewal] =
    row;
  const percent = percentOf(Number(completed), Number(total), status === 'completed');
  return (
    `${csvCell(track)},${csvCell(status)},${percent},${csvCell(enrolledAt)},${csvCell(completedAt)},${csvCell(serial)},` +
    `${csvCell(lastActivityAt)},${csvCell(itemKeyOf(currentItemId))},${renewal === 't' ? 'true' : 'false'}`
  );
}

/** A line waiting for its member's name and email. */
export interface PendingLine {
  memberId: string;
  tail: string;
}

/** Who a member is, as the auth lib tells (a member it no longer has is absent). */
export type ContactsOf = (memberIds: string[]) => Promise<Map<string, { name: string; email: string }>>;

/** What the export keeps of a row as it arrives: whose it is and its line's tail (the row itself dies young). */
export const pendingLine =
  (itemKeyOf: ItemKeyOf = () => null) =>
  (row: ExportedRow): PendingLine => ({ memberId: row[0], tail: memberCsvTail(row, itemKeyOf) });

/**
 * The header, then each batch's lines with their names, CRLF-terminated. The next batch is already being
 * read from the database while this one's names are (the two reads overlap).
 */
export async function* membersCsv(
  batches: AsyncIterable<PendingLine[]>,
  contactsOf: ContactsOf,
): AsyncGenerator<string> {
  yield `${MEMBERS_CSV_HEADER}\r\n`;
  for await (const lines of readAhead(batches)) {
    const contacts = await contactsOf(lines.map((line) => line.memberId));
    yield lines
      .map((line) => {
        const contact = contacts.get(line.memberId);
        return contact ? `${csvCell(contact.name)},${csvCell(contact.email)},${line.tail}\r\n` : '';
      })
      .join('');
  }
}

/** The batches of `source`, the next one always on its way while the caller works on this one. */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const batches = source[Symbol.asyncIterator]();
  let next = batches.next();
  try {
    for (;;) {
      const batch = await next;
      if (batch.done) return;
      next = batches.next();
      // Read now, so a failing fetch is not left unhandled while this batch is being named.
      next.catch(() => undefined);
      yield batch.value;
    }
  } finally {
    await batches.return?.(undefined);
  }
}
