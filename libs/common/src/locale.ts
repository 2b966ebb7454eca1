export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text an author may write once or in each language. */
export type LocalizedText = string | Partial<Record<Locale, string>>;

export function localize(text: LocalizedText | null | undefined, locale: Locale): string {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** `?lang=`, then `Accept-Language`, then the signed-in user's locale, then English. */
export function pickLocale(lang?: string, acceptLanguage?: string, userLocale?: string): Locale {
  const candidates = [lang, ...(acceptLanguage ?? '').split(',').map((part) => part.split(';')[0]), userLocale];
  for (const candidate of candidates) {
    const primary = candidate?.trim().slice(0, 2).toLowerCase();
    if (primary && (LOCALES as readonly string[]).includes(primary)) return primary as Locale;
  }
  return 'en';
}
