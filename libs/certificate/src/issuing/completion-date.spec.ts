import { completionDate } from './completion-date';

describe('the completion date in the issuer time zone', () => {
  it('keeps 9 pm in Toronto on that day, though it is already the next day in UTC', () => {
    expect(completionDate(new Date('2026-03-05T02:00:00Z'), 'America/Toronto')).toBe('2026-03-04');
  });

  it('turns over at midnight Toronto time, in winter and in summer', () => {
    expect(completionDate(new Date('2026-01-15T04:59:59Z'), 'America/Toronto')).toBe('2026-01-14');
    expect(completionDate(new Date('2026-01-15T05:00:00Z'), 'America/Toronto')).toBe('2026-01-15');
    expect(completionDate(new Date('2026-07-15T03:59:59Z'), 'America/Toronto')).toBe('2026-07-14');
    expect(completionDate(new Date('2026-07-15T04:00:00Z'), 'America/Toronto')).toBe('2026-07-15');
  });

  it('follows another configured zone', () => {
    expect(completionDate(new Date('2026-03-05T02:00:00Z'), 'Europe/Paris')).toBe('2026-03-05');
  });
});
