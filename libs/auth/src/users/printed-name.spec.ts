import { printedName } from './printed-name';

const parse = (name: string) => printedName.safeParse(name);

describe('a name as printed on certificates', () => {
  it.each([
    ['Cree syllabics', 'ᓀᐦᐃᔭᐍᐏᐣ ᒥᐢᑕᐦᐃᐠ'],
    ['Inuktitut', 'ᐊᓯᐊᕐᓇᖅ ᐃᓄᒃᑎᑐᑦ'],
    ['Latin with stacked diacritics', 'Nîpisîhkopahk Ōkawa'],
    ['Vietnamese', 'Nguyễn Thị Minh Khai'],
    ['Arabic', 'ليلى الحسن'],
    ['Devanagari with a joiner', 'क्‍ष्मा'],
    ['Persian with a non-joiner', 'می‌خواهم'],
    ['Japanese', '山田 花子'],
  ])('keeps every letter of %s', (_script, name) => {
    expect(parse(name)).toEqual({ success: true, data: name });
  });

  it('composes decomposed accents, trims and closes up doubled spaces', () => {
    expect(parse('  E\u0301milie   Ōkawa ')).toEqual({ success: true, data: 'Émilie Ōkawa' });
  });

  it.each([
    ['a carriage return', 'Ana\rOkawa'],
    ['a line feed', 'Ana\nOkawa'],
    ['a tab', 'Ana\tOkawa'],
    ['NUL', 'Ana\u0000'],
    ['a right-to-left override', 'Ana \u202Eawako'],
    ['a left-to-right isolate', 'Ana \u2066Okawa\u2069'],
    ['a right-to-left mark', 'Ana\u200F'],
    ['a line separator', 'Ana\u2028Okawa'],
    ['a byte order mark', '\uFEFFAna'],
    ['private use', 'Ana \uE000'],
  ])('refuses %s', (_what, name) => {
    const result = parse(name);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe('must not contain control or invisible formatting characters');
  });

  it('refuses an empty name and one with no letter', () => {
    expect(parse('   ').error!.issues[0].message).toBe('must not be empty');
    expect(parse('---').error!.issues[0].message).toBe('must contain a letter');
  });

  it('takes a long name the certificate can set smaller, and refuses one no size would fit', () => {
    expect(parse('Marie-Ève Tremblay-Bouchard de la Roche-Guyon').success).toBe(true);
    expect(parse('W'.repeat(40)).error!.issues[0].message).toBe('is too long to print on one line of a certificate');
    expect(parse('i'.repeat(121)).error!.issues[0].message).toBe('must be at most 120 characters');
  });
});
