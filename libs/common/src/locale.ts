/**
 * The languages the platform speaks: every other list of languages (validation, OpenAPI enums, the web's
 * languages, formatting) derives from this one. docs/operations.md, "Adding a language", says what else
 * a new language needs; the `Record<Locale, …>` tables below make the typecheck point at them.
 */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** The language texts fall back to when one is missing, and the default of every request. */
export const DEFAULT_LOCALE: Locale = 'en';

/** The BCP 47 tag dates and numbers are written with, in each language (the program's Canadian conventions). */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en-CA', fr: 'fr-CA' };

/** The decimal mark each language's tag writes (what Intl.NumberFormat gives for LOCALE_TAGS; a web test checks). */
export const LOCALE_DECIMAL_MARKS: Record<Locale, string> = { en: '.', fr: ',' };

/** Each language's name in itself, for the language pickers. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

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
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}
