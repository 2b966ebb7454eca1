import { parse } from 'csv-parse/sync';
import { ProgressException, ProgressExceptionCode } from '../progress.exception';
import { MAX_ATTENDEES } from './dto/attendance.dto';

/**
 * The emails of an attendance export (Zoom, Teams, a spreadsheet): any CSV with an `email` column,
 * whatever its case or position; other columns are ignored, blank cells skipped.
 */
export function emailsFromCsv(text: string): string[] {
  if (text.includes('\u0000')) {
    throw new ProgressException(ProgressExceptionCode.InvalidCsv, 'The CSV could not be read', [
      'file: not a text file (it contains NUL characters)',
    ]);
  }
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new ProgressException(ProgressExceptionCode.InvalidCsv, 'The CSV could not be read', [
      `file: ${(error as Error).message}`,
    ]);
  }
  const [header, ...body] = rows;
  const column = header?.findIndex((name) => name.trim().toLowerCase() === 'email') ?? -1;
  if (column < 0) {
    throw new ProgressException(ProgressExceptionCode.InvalidCsv, 'The CSV needs an email column', [
      'file: the first row must name a column "email"',
    ]);
  }
  const emails = body.map((row) => (row[column] ?? '').trim()).filter(Boolean);
  if (!emails.length) {
    throw new ProgressException(ProgressExceptionCode.InvalidCsv, 'The CSV lists no emails', [
      'file: no row has an email',
    ]);
  }
  if (emails.length > MAX_ATTENDEES) {
    throw new ProgressException(ProgressExceptionCode.InvalidCsv, 'The CSV is too long', [
      `file: at most ${MAX_ATTENDEES} rows at a time`,
    ]);
  }
  return emails;
}
