import { hasExpired, validUntil, validUntilDay } from './validity';

const TORONTO = 'America/Toronto';

describe('how long a certificate stays valid', () => {
  it('never expires when the module sets no validity', () => {
    expect(validUntil(new Date('2026-03-05T02:00:00Z'), undefined, TORONTO)).toBeNull();
    expect(validUntil(new Date('2026-03-05T02:00:00Z'), null, TORONTO)).toBeNull();
    expect(validUntilDay(null, TORONTO)).toBeNull();
    expect(hasExpired(null)).toBe(false);
  });

  it('counts months from the completion day in Toronto, though it was already the next day in UTC', () => {
    const until = validUntil(new Date('2026-03-05T02:00:00.750Z'), 12, TORONTO)!;
    expect(until.toISOString()).toBe('2027-03-05T02:00:00.000Z');
    expect(validUntilDay(until, TORONTO)).toBe('2027-03-04');
  });

  it('keeps the wall-clock hour across daylight saving time', () => {
    // Noon EST in January is noon EDT in July: 17:00 UTC, then 16:00 UTC.
    expect(validUntil(new Date('2026-01-15T17:00:00Z'), 6, TORONTO)!.toISOString()).toBe('2026-07-15T16:00:00.000Z');
    expect(validUntil(new Date('2026-07-15T16:00:00Z'), 6, TORONTO)!.toISOString()).toBe('2027-01-15T17:00:00.000Z');
  });

  it('ends on the last day of a shorter month, on the Toronto calendar', () => {
    // 9 pm on 30 January in Toronto is 31 January in UTC: a month later is still the last of February.
    const until = validUntil(new Date('2026-01-31T02:00:00Z'), 1, TORONTO)!;
    expect(validUntilDay(until, TORONTO)).toBe('2026-02-28');
    expect(until.toISOString()).toBe('2026-03-01T02:00:00.000Z');
    expect(validUntilDay(validUntil(new Date('2028-02-29T17:00:00Z'), 12, TORONTO), TORONTO)).toBe('2029-02-28');
    expect(validUntilDay(validUntil(new Date('2026-08-31T12:00:00Z'), 18, TORONTO), TORONTO)).toBe('2028-02-29');
  });

  it('follows another configured zone', () => {
    expect(validUntil(new Date('2026-03-05T02:00:00Z'), 120, 'Europe/Paris')!.toISOString()).toBe(
      '2036-03-05T02:00:00.000Z',
    );
  });

  it('has expired from the instant itself on', () => {
    const until = new Date('2027-03-05T02:00:00Z');
    expect(hasExpired(until, new Date('2027-03-05T01:59:59Z'))).toBe(false);
    expect(hasExpired(until, until)).toBe(true);
  });
});
