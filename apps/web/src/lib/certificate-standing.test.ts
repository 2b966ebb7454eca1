import { describe, expect, it } from 'vitest';
import { isValidNow, standingOf } from './certificate-standing';

describe('whether a certificate stands now', () => {
  it.each([
    [{ status: 'issued', expired: false }, 'issued', true],
    [{ status: 'issued' }, 'issued', true],
    [{ status: 'issued', expired: true }, 'expired', false],
    [{ status: 'expired', expired: true }, 'expired', false],
    [{ status: 'revoked', expired: true }, 'revoked', false],
    [{ status: 'superseded', expired: false }, 'superseded', false],
  ])('takes the server’s word: %o is %s', (certificate, standing, valid) => {
    expect(standingOf(certificate)).toBe(standing);
    expect(isValidNow(certificate)).toBe(valid);
  });
});
