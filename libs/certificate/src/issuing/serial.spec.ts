import { checkCharacter, newSerial, parseSerial } from './serial';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('certificate serials', () => {
  it('look like GL-<year>-XXXX-XXXX in Crockford base 32', () => {
    const serial = newSerial(2026);
    expect(serial).toMatch(/^GL-2026-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseSerial(serial)).toEqual({ ok: true, serial });
  });

  it('are not repeated across many draws', () => {
    const seen = new Set(Array.from({ length: 5000 }, () => newSerial(2026)));
    expect(seen.size).toBe(5000);
  });

  it('catch every single mistyped character', () => {
    const serial = newSerial(2026);
    const positions = [...serial].map((c, i) => i).filter((i) => i >= 8 && serial[i] !== '-');
    for (const position of positions) {
      for (const replacement of ALPHABET) {
        if (replacement === serial[position]) continue;
        const typo = serial.slice(0, position) + replacement + serial.slice(position + 1);
        expect(parseSerial(typo)).toEqual({ ok: false, reason: 'mistyped' });
      }
    }
  });

  it('catch a swap of two different neighbouring characters in the random part', () => {
    let caught = 0;
    let swaps = 0;
    for (let n = 0; n < 200; n++) {
      const serial = newSerial(2026);
      const body = serial.slice(8).replace('-', '');
      for (let i = 0; i < body.length - 1; i++) {
        if (body[i] === body[i + 1]) continue;
        const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
        swaps += 1;
        if (!parseSerial(`GL-2026-${swapped.slice(0, 4)}-${swapped.slice(4)}`).ok) caught += 1;
      }
    }
    // Luhn mod 32 misses only the swap of the two values whose doubled digits fold to the same sum.
    expect(caught / swaps).toBeGreaterThan(0.99);
  });

  it('accept lower case, spaces, and O/I/L typed for 0/1', () => {
    const year = '2026';
    const body = '01AB10C';
    const serial = `GL-${year}-${body.slice(0, 4)}-${body.slice(4)}${checkCharacter(year + body)}`;
    const typed = ` gl-2026-oiab-${'L0C'.toLowerCase()}${serial.slice(-1).toLowerCase()} `;
    expect(parseSerial(typed)).toEqual({ ok: true, serial });
  });

  it('refuse what is not a serial at all', () => {
    expect(parseSerial('hello')).toEqual({ ok: false, reason: 'malformed' });
    expect(parseSerial('GL-2026-ABCD')).toEqual({ ok: false, reason: 'malformed' });
  });
});
