import { csvCell, memberCsvLine, membersCsv, MEMBERS_CSV_HEADER } from './members-csv';
import type { MemberRow } from './report.repository';

const row = (overrides: Partial<MemberRow> = {}): MemberRow => ({
  name: 'Jane Doe',
  email: 'jane@example.org',
  track: 'emerging',
  status: 'in_progress',
  completedItems: 2,
  totalItems: 3,
  enrolledAt: new Date('2026-01-02T03:04:05.000Z'),
  completedAt: null,
  certificateSerial: null,
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
    expect(memberCsvLine(row())).toBe('Jane Doe,jane@example.org,emerging,in_progress,66,2026-01-02T03:04:05.000Z,,');
  });

  it('writes the completion time and serial of a completed member', () => {
    const line = memberCsvLine(
      row({
        status: 'completed',
        completedItems: 3,
        completedAt: new Date('2026-01-05T00:00:00.000Z'),
        certificateSerial: 'GL-2026-7K3Q-9XPM',
        track: null,
      }),
    );
    expect(line).toBe(
      'Jane Doe,jane@example.org,,completed,100,2026-01-02T03:04:05.000Z,2026-01-05T00:00:00.000Z,GL-2026-7K3Q-9XPM',
    );
  });

  it('streams the exact header, then each batch as it comes', async () => {
    async function* batches() {
      yield [row({ name: 'A' })];
      yield [row({ name: 'B' }), row({ name: 'C' })];
    }
    const chunks: string[] = [];
    for await (const chunk of membersCsv(batches())) chunks.push(chunk);
    expect(chunks[0]).toBe('name,email,track,status,percent,enrolled_at,completed_at,certificate_serial\r\n');
    expect(MEMBERS_CSV_HEADER).toBe('name,email,track,status,percent,enrolled_at,completed_at,certificate_serial');
    expect(chunks).toHaveLength(3);
    expect(
      chunks[2]
        .split('\r\n')
        .filter(Boolean)
        .map((line) => line.split(',')[0]),
    ).toEqual(['B', 'C']);
  });
});
