import { csvCell, memberCsvTail, membersCsv, MEMBERS_CSV_HEADER, pendingLine } from './members-csv';
import type { ExportedRow } from './member-list.sql';

interface Row {
  memberId: string;
  track: string | null;
  status: 'in_progress' | 'completed';
  completedItems: number;
  totalItems: number;
  enrolledAt: string;
  completedAt: string | null;
  certificateSerial: string | null;
  lastActivityAt: string;
  currentItemId: string | null;
  renewal: boolean;
}

/** A row as the export reads it from PostgreSQL: every column as text, in ExportedRow's order. */
const row = (overrides: Partial<Row> = {}): ExportedRow => {
  const r: Row = {
    memberId: '9b1c6a51-2f7e-4c1e-9f55-0d9f5d3a7c11',
    track: 'emerging',
    status: 'in_progress',
    completedItems: 2,
    totalItems: 3,
    enrolledAt: '2026-01-02T03:04:05.000Z',
    completedAt: null,
    certificateSerial: null,
    lastActivityAt: '2026-01-03T00:00:00.000Z',
    currentItemId: 'a3f1c2d4-0000-4000-8000-000000000001',
    renewal: false,
    ...overrides,
  };
  return [
    r.memberId,
    r.track,
    r.status,
    String(r.completedItems),
    String(r.totalItems),
    r.enrolledAt,
    r.completedAt,
    r.certificateSerial,
    r.lastActivityAt,
    r.currentItemId,
    r.renewal ? 't' : 'f',
  ];
};

describe('the member list CSV', () => {
  it.each([
    ['plain', 'Jane', 'Jane'],
    ['a comma', 'Doe, Jane', '"Doe, Jane"'],
    ['quotes', 'Jane "JD" Doe', '"Jane ""JD"" Doe"'],
    ['a line break', 'Jane\nDoe', '"Jane\nDoe"'],
    ['accents', 'Zoë Lévesque-Côté', 'Zoë Lévesque-Côté'],
    ['an edge space', ' Jane', '" Jane"'],
    ['a formula', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a leading plus', '+1 555', "'+1 555"],
  ])('writes a cell with %s', (_name, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes empty cells for nulls and the floor of the percentage', () => {
    expect(memberCsvTail(row())).toBe(
      'emerging,in_progress,66,2026-01-02T03:04:05.000Z,,,2026-01-03T00:00:00.000Z,,false',
    );
  });

  it('writes 100 for a completed module of no items and 0 for one in progress', () => {
    expect(memberCsvTail(row({ status: 'completed', completedItems: 0, totalItems: 0 }))).toContain(',completed,100,');
    expect(memberCsvTail(row({ completedItems: 0, totalItems: 0 }))).toContain(',in_progress,0,');
  });

  it('ends each line with the last activity, the key of the current item and whether it is a renewal', () => {
    const keyOf = (id: string | null) => (id === 'a3f1c2d4-0000-4000-8000-000000000001' ? 'u2-read' : null);
    expect(memberCsvTail(row(), keyOf).endsWith(',2026-01-03T00:00:00.000Z,u2-read,false')).toBe(true);
    const renewal = row({ renewal: true });
    expect(memberCsvTail(renewal, keyOf).endsWith(',2026-01-03T00:00:00.000Z,u2-read,true')).toBe(true);
  });

  it('writes the completion time and serial of a completed member', () => {
    const line = memberCsvTail(
      row({
        status: 'completed',
        completedItems: 3,
        completedAt: '2026-01-05T00:00:00.000Z',
        certificateSerial: 'GL-2026-7K3Q-9XPM',
        track: null,
        currentItemId: null,
      }),
    );
    expect(line).toBe(
      ',completed,100,2026-01-02T03:04:05.000Z,2026-01-05T00:00:00.000Z,GL-2026-7K3Q-9XPM,2026-01-03T00:00:00.000Z,,false',
    );
  });

  it('streams the exact header, then each batch as it comes, with the names the auth lib gives', async () => {
    const asked: string[][] = [];
    async function* batches() {
      yield [row({ memberId: 'a' })];
      yield [row({ memberId: 'b' }), row({ memberId: 'gone' }), row({ memberId: 'c' })];
    }
    const names = new Map([
      ['a', { name: 'A', email: 'a@example.org' }],
      ['b', { name: 'B', email: 'b@example.org' }],
      ['c', { name: 'Doe, C', email: 'c@example.org' }],
    ]);
    const chunks: string[] = [];
    const contactsOf = async (ids: string[]) => {
      asked.push(ids);
      return new Map(ids.flatMap((id) => (names.has(id) ? [[id, names.get(id)!] as const] : [])));
    };
    async function* lines() {
      for await (const rows of batches()) yield rows.map(pendingLine());
    }
    for await (const chunk of membersCsv(lines(), contactsOf)) chunks.push(chunk);
    const header =
      'name,email,track,status,percent,enrolled_at,completed_at,certificate_serial,last_activity_at,current_item,renewal';
    expect(chunks[0]).toBe(`${header}\r\n`);
    expect(MEMBERS_CSV_HEADER).toBe(header);
    expect(chunks).toHaveLength(3);
    expect(asked).toEqual([['a'], ['b', 'gone', 'c']]);
    // A member the auth lib no longer has is left out; a name with a comma is quoted.
    expect(chunks[2].split('\r\n').filter(Boolean)).toEqual([
      `B,b@example.org,${memberCsvTail(row())}`,
      `"Doe, C",c@example.org,${memberCsvTail(row())}`,
    ]);
    expect(chunks[2]).toContain('"Doe, C",c@example.org,emerging,in_progress,66,');
  });
});
