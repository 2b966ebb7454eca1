/**
 * The line a certificate prints the holder's name on: 684 pt across (landscape Letter less its margins),
 * DejaVu Sans Bold at 30 pt, shrunk for a long name down to 18 pt. The renderer sizes the name with it
 * and the auth lib refuses a name that would not fit even at the smallest size, so both agree.
 */
export const NAME_LINE = { width: 684, largestPt: 30, smallestPt: 18 };

/** The point size for a name `ems` wide (its advance width in the font's em), or null when it cannot fit. */
export function nameFontSize(ems: number): number | null {
  if (ems * NAME_LINE.smallestPt > NAME_LINE.width) return null;
  return Math.min(NAME_LINE.largestPt, Math.floor((NAME_LINE.width / ems) * 10) / 10);
}
