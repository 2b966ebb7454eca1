import { completionDate } from './completion-date';

/** One formatter per zone, as for the completion day: building one loads ICU zone data. */
const clocks = new Map<string, Intl.DateTimeFormat>();

function clockFor(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clocks.set(timeZone, clock);
  }
  return clock;
}

interface WallClock {
  year: number;
  /** 0–11, as `Date.UTC` takes it. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = clockFor(timeZone).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return {
    year: part('year'),
    month: part('month') - 1,
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second);

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return asUtc(wallClock(new Date(whole), timeZone)) - whole;
}

/**
 * When a certificate stops being valid: `months` calendar months after its completion, counted on the
 * wall clock of the issuer's zone, so the last day printed is the completion day that many months on
 * whatever the offsets and daylight saving time in between (clamped to the month's end: 31 January plus
 * one month is the last day of February). Whole seconds, like `issuedAt`. Null when it never expires.
 */
export function validUntil(completedAt: Date, months: number | null | undefined, timeZone: string): Date | null {
  if (!months) return null;
  const start = wallClock(completedAt, timeZone);
  const monthIndex = start.month + months;
  const year = start.year + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const target = asUtc({ ...start, year, month, day: Math.min(start.day, lastDay) });
  // The wall time read as UTC, less the zone's offset; asked twice, as the offset there may differ from now.
  const guess = target - offsetAt(target, timeZone);
  return new Date(target - offsetAt(guess, timeZone));
}

/** The day a certificate is valid until, in the zone it was issued in (YYYY-MM-DD); null if it never expires. */
export function validUntilDay(until: Date | null, timeZone: string): string | null {
  return until ? completionDate(until, timeZone) : null;
}

/** Whether a certificate's validity has passed at `now`. */
export function hasExpired(until: Date | null, now: Date = new Date()): boolean {
  return until !== null && until.getTime() <= now.getTime();
}
