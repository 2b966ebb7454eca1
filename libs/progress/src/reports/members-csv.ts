import { percentOf } from '../enrolments/enrolment-view';
import type { ListedEnrolment, MemberRow } from './member-list.sql';

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
  return `${csvCell(row.name)},${csvCell(row.email)},${memberCsvTail(row, itemKeyOf)}`;
}

/** A row's line after its name and email (track … renewal): all the export keeps of a row until names come. */
export function memberCsvTail(row: ListedEnrolment, itemKeyOf: ItemKeyOf = () => null): string {
  return [
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

/** A line waiting for its member's name and email. */
export interface PendingLine {
  memberId: string;
  tail: string;
}

/** Who a member is, as the auth lib tells (a member it no longer has is absent). */
export type ContactsOf = (memberIds: string[]) => Promise<Map<string, { name: string; email: string }>>;

/**
 * Each batch of rows becomes its lines' tails as soon as it arrives, so the rows (their dates, ids and
 * counters) die young instead of outliving the round trip for the batch's names: kept, 100,000 rows
 * were enough for the garbage collector to move them to the old generation and the server's memory to
 * grow by 100 MB during an export (bench part c).
 */
export async function* pendingLines(
  batches: AsyncIterable<ListedEnrolment[]>,
  itemKeyOf: ItemKeyOf = () => null,
): AsyncGenerator<PendingLine[]> {
  for await (const rows of batches)
    yield rows.map((row) => ({ memberId: row.memberId, tail: memberCsvTail(row, itemKeyOf) }));
}

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
