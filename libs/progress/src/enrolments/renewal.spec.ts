import { isRenewable, RENEWAL_WINDOW_DAYS } from './renewal';

const now = new Date('2026-06-01T12:00:00.000Z');
const DAY = 24 * 3600 * 1000;
const completed = { current: true, status: 'completed' as const };
const endingIn = (ms: number) => ({ status: 'issued' as const, validUntil: new Date(now.getTime() + ms) });

describe('the renewal rule', () => {
  it('opens exactly 90 days before the certificate ends', () => {
    expect(RENEWAL_WINDOW_DAYS).toBe(90);
    expect(isRenewable(completed, endingIn(90 * DAY + 1), now)).toBe(false);
    expect(isRenewable(completed, endingIn(90 * DAY), now)).toBe(true);
    expect(isRenewable(completed, endingIn(DAY), now)).toBe(true);
  });

  it('stays open once the certificate has ended', () => {
    expect(isRenewable(completed, endingIn(0), now)).toBe(true);
    expect(isRenewable(completed, endingIn(-400 * DAY), now)).toBe(true);
  });

  it('never renews a certificate that never ends, is revoked or superseded, or none at all', () => {
    expect(isRenewable(completed, { status: 'issued', validUntil: null }, now)).toBe(false);
    expect(isRenewable(completed, { ...endingIn(DAY), status: 'revoked' }, now)).toBe(false);
    expect(isRenewable(completed, { ...endingIn(DAY), status: 'superseded' }, now)).toBe(false);
    expect(isRenewable(completed, undefined, now)).toBe(false);
  });

  it('renews only the current, completed enrolment', () => {
    expect(isRenewable({ current: true, status: 'in_progress' }, endingIn(DAY), now)).toBe(false);
    expect(isRenewable({ current: false, status: 'completed' }, endingIn(DAY), now)).toBe(false);
  });
});
