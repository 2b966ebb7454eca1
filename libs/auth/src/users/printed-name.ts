import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { nameFontSize } from '@greenlight/common';

/** A generous bound before measuring, so nobody makes the server lay out a megabyte. */
export const NAME_MAX_CHARACTERS = 120;

type Font = { unitsPerEm: number; layout: (text: string) => { advanceWidth: number } };
let font: Font | undefined;

/**
 * How wide a name is in DejaVu Sans Bold, the certificate's font, measured by fontkit (pdfkit's own
 * layout engine): the cap is what the certificate's name line holds (NAME_LINE), however wide a
 * script's letters are, not a character count.
 */
export function nameEms(name: string): number {
  const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create: (bytes: Buffer) => Font };
  font ??= fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')));
  return font.layout(name).advanceWidth / font.unitsPerEm;
}

/**
 * Control characters (a carriage return breaks the PDF's line), invisible format characters such as
 * the bidirectional overrides (U+202E makes a name read backwards on the verify page), line and
 * paragraph separators, lone surrogates and private-use code points. The zero-width joiner and
 * non-joiner stay: some scripts need them to spell a name.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Co}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;

/** A name as printed on certificates: every letter and mark of any script, one line, nothing hidden. */
export const printedName = z
  .string()
  .max(NAME_MAX_CHARACTERS * 4)
  .refine((name) => !UNPRINTABLE.test(name), 'must not contain control or invisible formatting characters')
  .transform((name) => name.normalize('NFC').trim().replace(/ {2,}/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(NAME_MAX_CHARACTERS, `must be at most ${NAME_MAX_CHARACTERS} characters`)
      .refine((name) => /\p{L}/u.test(name), 'must contain a letter')
      .refine((name) => nameFontSize(nameEms(name)) !== null, 'is too long to print on one line of a certificate'),
  );
