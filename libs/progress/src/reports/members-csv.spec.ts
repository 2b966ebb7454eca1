import { csvCell, memberCsvLine, membersCsv, MEMBERS_CSV_HEADER, pendingLines } from './members-csv';
import type { MemberRow } from './member-list.sql';

const row = (overrides: Partial<MemberRow> = {}): MemberRow => ({
  memberId: '9b1c6a51-2f7e-4c1e-9f55-0d9f5d3a7c11',
  name: 'Jane Doe',
  email: 'jane@example.org',
  track: 'emerging',
  status: 'in_progress',
  completedItems: 2,
  totalItems: 3,
  enrolledAt: new Date('2026-01-02T03:04:05.000Z'),
  completedAt: null,
  certificateSerial: null,
  lastActivityAt: new Date('2026-01-03T00:00:00.000Z'),
  currentItemId: 'a3f1c2d4-0000-4000-8000-000000000001',
  renewalOf: null,
  ...overrides,
});

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
    expect(memberCsvLine(row())).toBe(
      'Jane Doe,jane@example.org,emerging,in_progress,66,2026-01-02T03:04:05.000Z,,,2026-01-03T00:00:00.000Z,,false',
    );
  });

  it('ends each line with the last activity, the key of the current item and whether it is a renewal', () => {
    const keyOf = (id: string | null) => (id === 'a3f1c2d4-0000-4000-8000-000000000001' ? 'u2-read' : null);
    expect(memberCsvLine(row(), keyOf).endsWith(',2026-01-03T00:00:00.000Z,u2-read,false')).toBe(true);
    const renewal = row({ renewalOf: '5d0c1e2f-0000-4000-8000-000000000009' });
    expect(memberCsvLine(renewal, keyOf).endsWith(',2026-01-03T00:00:00.000Z,u2-read,true')).toBe(true);
  });

  it('writes the completion time and serial of a completed member', () => {
    const line = memberCsvLine(
      row({
        status: 'completed',
        completedItems: 3,
        completedAt: new Date('2026-01-05T00:00:00.000Z'),
        certificateSerial: 'GL-2026-7K3Q-9XPM',
        track: null,
        currentItemId: null,
      }),
    );
    expect(line).toBe(
      'Jane Doe,jane@example.org,,completed,100,2026-01-02T03:04:05.000Z,2026-01-05T00:00:00.000Z,GL-2026-7K3Q-9XPM,2026-01-03T00:00:00.000Z,,false',
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
    for await (const chunk of membersCsv(pendingLines(batches()), contactsOf)) chunks.push(chunk);
    const header =
      'name,email,track,status,percent,enrolled_at,completed_at,certificate_serial,last_activity_at,current_item,renewal';
    expect(chunks[0]).toBe(`${header}\r\n`);
    expect(MEMBERS_CSV_HEADER).toBe(header);
    expect(chunks).toHaveLength(3);
    expect(asked).toEqual([['a'], ['b', 'gone', 'c']]);
    // A member the auth lib no longer has is left out; a name with a comma is quoted.
    expect(chunks[2].split('\r\n').filter(Boolean)).toEqual([
      memberCsvLine(row({ name: 'B', email: 'b@example.org' })),
      memberCsvLine(row({ name: 'Doe, C', email: 'c@example.org' })),
    ]);
    expect(chunks[2]).toContain('"Doe, C",c@example.org,emerging,in_progress,66,');
  });
});
