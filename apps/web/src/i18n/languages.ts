import {
  DEFAULT_LOCALE,
  isLocale,
  LOCALE_DECIMAL_MARKS,
  LOCALE_NAMES,
  LOCALE_TAGS,
  LOCALES,
  type Locale,
} from '@greenlight/common';

/** The web's languages are the platform's (libs/common/src/locale.ts): one list for server and browser. */
export const LANGUAGES = LOCALES;
export type Language = Locale;
export const DEFAULT_LANGUAGE: Language = DEFAULT_LOCALE;
export const isLanguage = isLocale;

/** The BCP 47 tag dates and numbers are formatted with (a language we do not speak formats as the default). */
export const languageTag = (language: string): string =>
  LOCALE_TAGS[isLanguage(language) ? language : DEFAULT_LANGUAGE];

/** The decimal mark numbers are written with in a language. */
export const decimalMark = (language: string): string =>
  LOCALE_DECIMAL_MARKS[isLanguage(language) ? language : DEFAULT_LANGUAGE];

/** Each language by its own name, for pickers. */
export const LANGUAGE_NAMES = LOCALE_NAMES;
