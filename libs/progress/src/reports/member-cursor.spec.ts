import fc from 'fast-check';
import { decodeMemberCursor, encodeMemberCursor, microsToIso } from './member-cursor';

const id = '0b9c6f1e-3d2a-4c5b-8e7f-1a2b3c4d5e6f';

describe('member cursors', () => {
  it('decode to exactly the position they were made from, to the microsecond', () => {
    for (const micros of [1_767_225_845_123_456n, 0n, -1n, 253_402_300_799_999_999n]) {
      const cursor = encodeMemberCursor({ enrolledAtMicros: micros, enrolmentId: id });
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeMemberCursor(cursor)).toEqual({ enrolledAtMicros: micros, enrolmentId: id });
    }
  });

  it('refuse anything this API did not hand out', () => {
    const good = encodeMemberCursor({ enrolledAtMicros: 1_767_225_845_123_456n, enrolmentId: id });
    const encoded = (text: string) => Buffer.from(text).toString('base64url');
    for (const bad of [
      '',
      'not a cursor',
      good.slice(0, -3),
      `${good}=`,
      `${good.slice(0, 10)}*${good.slice(11)}`,
      `${good}A`,
      encoded(`m2.1767225845123456.${id}`),
      encoded(`m1.1767225845123456.${id.toUpperCase()}`),
      encoded(`m1.1767225845.123456.${id}`),
      encoded(`m1.abc.${id}`),
      encoded(`m1.1767225845123456.${id}' OR 1=1 --`),
      encoded(`m1.253402300800000000.${id}`),
      encoded(`m1.-62135596800000001.${id}`),
      encoded('m1.1767225845123456.not-a-uuid'),
      'A'.repeat(101),
    ]) {
      expect(decodeMemberCursor(bad)).toBeNull();
    }
  });

  it('decode only what re-encodes to the very same string, and never throw', () => {
    const payloads = fc.oneof(
      fc.string(),
      fc.tuple(fc.bigInt(), fc.uuid()).map(([micros, uuid]) => `m1.${micros}.${uuid}`),
      fc.string().map((text) => `m1.${text}`),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          payloads.map((p) => Buffer.from(p).toString('base64url')),
        ),
        (cursor) => {
          const position = decodeMemberCursor(cursor);
          if (position) expect(encodeMemberCursor(position)).toBe(cursor);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('spell an instant with six fractional digits, before 1970 too', () => {
    expect(microsToIso(1_767_225_845_123_456n)).toBe('2026-01-01T00:04:05.123456Z');
    expect(microsToIso(0n)).toBe('1970-01-01T00:00:00.000000Z');
    expect(microsToIso(-1n)).toBe('1969-12-31T23:59:59.999999Z');
    expect(microsToIso(-62_135_596_800_000_000n)).toBe('0001-01-01T00:00:00.000000Z');
  });
});
