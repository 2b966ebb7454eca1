import { checkCharacter, newSerial, parseSerial } from './serial';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CROCKFORD = '[0-9A-HJKMNP-TV-Z]';

/** A serial of the first format (seven random characters and the check), as issued before. */
function legacySerial(year: string, body: string): string {
  const full = body + checkCharacter(year + body);
  return `GL-${year}-${full.slice(0, 4)}-${full.slice(4)}`;
}

describe('certificate serials', () => {
  it('look like GL-<year>-XXXX-XXXX-XXXX in Crockford base 32', () => {
    const serial = newSerial(2026);
    expect(serial).toMatch(new RegExp(`^GL-2026-${CROCKFORD}{4}-${CROCKFORD}{4}-${CROCKFORD}{4}$`));
    expect(parseSerial(serial)).toEqual({ ok: true, serial });
  });

  it('carry eleven random characters: 55 bits, every position drawing on the whole alphabet', () => {
    const draws = Array.from({ length: 4000 }, () => newSerial(2026).slice(8).replace(/-/g, ''));
    expect(new Set(draws).size).toBe(draws.length);
    for (let position = 0; position < 11; position++) {
      const seen = new Set(draws.map((body) => body[position]));
      expect(seen.size).toBe(ALPHABET.length);
    }
  });

  it('still read the serials issued before, with their own check character', () => {
    const old = legacySerial('2026', '7K3Q9XP');
    expect(parseSerial(old)).toEqual({ ok: true, serial: old });
    expect(parseSerial(old.toLowerCase().replace(/-/g, ' '))).toEqual({ ok: true, serial: old });
    const last = old.slice(-1);
    expect(parseSerial(old.slice(0, -1) + (last === 'A' ? 'B' : 'A'))).toEqual({ ok: false, reason: 'mistyped' });
  });

  it('catch every single mistyped character', () => {
    const serial = newSerial(2026);
    const positions = [...serial].map((c, i) => i).filter((i) => i >= 8 && serial[i] !== '-');
    expect(positions).toHaveLength(12);
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
      const body = serial.slice(8).replace(/-/g, '');
      for (let i = 0; i < body.length - 1; i++) {
        if (body[i] === body[i + 1]) continue;
        const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
        swaps += 1;
        if (!parseSerial(`GL-2026-${swapped.match(/.{4}/g)!.join('-')}`).ok) caught += 1;
      }
    }
    // Luhn mod 32 misses only the swap of the two values whose doubled digits fold to the same sum.
    expect(caught / swaps).toBeGreaterThan(0.99);
  });

  it('accept lower case, spaces, no dashes, and O/I/L typed for 0/1', () => {
    const year = '2026';
    const body = '01AB10C2D3E';
    const check = checkCharacter(year + body);
    const serial = `GL-${year}-01AB-10C2-D3E${check}`;
    const typed = ` gl-2026-oiab-${'L0C2'.toLowerCase()} d3e${check.toLowerCase()} `;
    expect(parseSerial(typed)).toEqual({ ok: true, serial });
    expect(parseSerial(serial.replace(/-/g, ''))).toEqual({ ok: true, serial });
  });

  it('refuse what is not a serial at all', () => {
    expect(parseSerial('hello')).toEqual({ ok: false, reason: 'malformed' });
    expect(parseSerial('GL-2026-ABCD')).toEqual({ ok: false, reason: 'malformed' });
    expect(parseSerial('GL-2026-ABCD-EFGH-JKMN-PQRS')).toEqual({ ok: false, reason: 'malformed' });
  });
});
