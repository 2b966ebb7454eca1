import { randomInt } from 'node:crypto';

/** Crockford's base 32: no I, L, O or U, so a serial read aloud or retyped is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = ALPHABET.length;
const RANDOM_LENGTH = 7;

/**
 * `GL-<year>-XXXX-XXXC`: seven random base-32 characters (about 34 bits, drawn from the CSPRNG, so
 * serials cannot be enumerated) and a Luhn mod 32 check character over the year and those seven, which
 * catches every single mistyped character and almost every swap of two neighbours.
 */
export function newSerial(year: number): string {
  let body = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) body += ALPHABET[randomInt(BASE)];
  const payload = `${year}${body}`;
  const full = body + checkCharacter(payload);
  return `GL-${year}-${full.slice(0, 4)}-${full.slice(4)}`;
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
 * check character, so a typo is told apart from a serial that simply does not exist.
 */
export function parseSerial(input: string): SerialCheck {
  const match = /^GL-?(\d{4})-?([0-9A-Z]{4})-?([0-9A-Z]{4})$/.exec(input.toUpperCase().replace(/[\s_]/g, ''));
  if (!match) return { ok: false, reason: 'malformed' };
  const year = match[1];
  const [first, second] = [match[2], match[3]].map((part) => part.replace(/O/g, '0').replace(/[IL]/g, '1'));
  const body = first + second;
  if (/U/.test(body)) return { ok: false, reason: 'mistyped' };
  if (checkCharacter(year + body.slice(0, RANDOM_LENGTH)) !== body[RANDOM_LENGTH]) {
    return { ok: false, reason: 'mistyped' };
  }
  return { ok: true, serial: `GL-${year}-${first}-${second}` };
}
