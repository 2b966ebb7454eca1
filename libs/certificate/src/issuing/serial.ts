import { randomInt } from 'node:crypto';

/** Crockford's base 32: no I, L, O or U, so a serial read aloud or retyped is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = ALPHABET.length;
/** 55 bits: see VerifyRateLimiter for what that costs a scraper. */
const RANDOM_LENGTH = 11;
/** Serials issued before December 2026: `GL-<year>-XXXX-XXXC`, seven random characters (35 bits). */
const LEGACY_RANDOM_LENGTH = 7;

/**
 * `GL-<year>-XXXX-XXXX-XXXC`: eleven random base-32 characters (55 bits, drawn from the CSPRNG, so
 * serials cannot be enumerated) and a Luhn mod 32 check character over the year and those eleven, which
 * catches every single mistyped character and almost every swap of two neighbours. Three groups of four,
 * like a licence key: short enough to read out and type.
 */
export function newSerial(year: number): string {
  let body = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) body += ALPHABET[randomInt(BASE)];
  const full = body + checkCharacter(`${year}${body}`);
  return `GL-${year}-${full.match(/.{4}/g)!.join('-')}`;
}

/** Luhn mod N over base-32 code points: double every second value from the right, folding the carry. */
export function checkCharacter(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    const codePoint = ALPHABET.indexOf(payload[i]);
    if (codePoint < 0) throw new Error(`Not a serial character: ${payload[i]}`);
    let addend = factor * codePoint;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / BASE) + (addend % BASE);
    sum += addend;
  }
  return ALPHABET[(BASE - (sum % BASE)) % BASE];
}

export type SerialCheck = { ok: true; serial: string } | { ok: false; reason: 'malformed' | 'mistyped' };

/**
 * Normalises what a person typed (case, spaces, the letters Crockford reads as digits) and checks the
 * check character, so a typo is told apart from a serial that simply does not exist. Both the current
 * three-group serials and the two-group ones issued before are read.
 */
export function parseSerial(input: string): SerialCheck {
  const match = /^GL-?(\d{4})-?([0-9A-Z]{4})-?([0-9A-Z]{4})(?:-?([0-9A-Z]{4}))?$/.exec(
    input.toUpperCase().replace(/[\s_]/g, ''),
  );
  if (!match) return { ok: false, reason: 'malformed' };
  const year = match[1];
  const groups = match
    .slice(2)
    .filter((group): group is string => group !== undefined)
    .map((group) => group.replace(/O/g, '0').replace(/[IL]/g, '1'));
  const body = groups.join('');
  const randomLength = groups.length === 3 ? RANDOM_LENGTH : LEGACY_RANDOM_LENGTH;
  if (/U/.test(body)) return { ok: false, reason: 'mistyped' };
  if (checkCharacter(year + body.slice(0, randomLength)) !== body[randomLength]) {
    return { ok: false, reason: 'mistyped' };
  }
  return { ok: true, serial: `GL-${year}-${groups.join('-')}` };
}
