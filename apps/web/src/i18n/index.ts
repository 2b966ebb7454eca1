import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_KEY = 'greenlight.lang';

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** `?lang=` wins, then the choice remembered in this browser, then the browser's own language. */
export function initialLanguage(search: string, stored: string | null, browser: readonly string[]): Language {
  const fromUrl = new URLSearchParams(search).get('lang')?.slice(0, 2).toLowerCase();
  if (isLanguage(fromUrl)) return fromUrl;
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Private windows may refuse storage; the switch still works for this visit.
  }
}

const start = initialLanguage(
  typeof window === 'undefined' ? '' : window.location.search,
  typeof window === 'undefined' ? null : readStored(),
  typeof navigator === 'undefined' ? [] : (navigator.languages ?? []),
);
if (typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('lang')) rememberLanguage(start);

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: start,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (language) => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});
if (typeof document !== 'undefined') document.documentElement.lang = start;

export default i18n;
