import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Dictionary } from './en';

import { DEFAULT_LANGUAGE, isLanguage, type Language } from './languages';

export { LANGUAGES, type Language } from './languages';
export const LANGUAGE_KEY = 'greenlight.lang';

/** `?lang=` wins, then the choice remembered in this browser, then the browser's own language. */
export function initialLanguage(search: string, stored: string | null, browser: readonly string[]): Language {
  const fromUrl = new URLSearchParams(search).get('lang')?.slice(0, 2).toLowerCase();
  if (isLanguage(fromUrl)) return fromUrl;
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
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

/**
 * English ships with the app; every other language is its own chunk, fetched when someone reads in it.
 * A `Record` over the languages, so a language added to LOCALES without its texts fails the typecheck.
 */
const LATER: Record<Exclude<Language, 'en'>, () => Promise<Dictionary>> = {
  fr: () => import('./fr').then((module) => module.fr),
};

const otherLanguages: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language, _namespace, done) => {
    const load = LATER[language as keyof typeof LATER];
    if (!load) return done(null, {});
    load().then(
      (texts) => done(null, texts),
      (error: Error) => done(error, null),
    );
  },
};

/** Resolves once the starting language's texts are there: main.tsx renders after it. */
export const i18nReady = i18n
  .use(otherLanguages)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    partialBundledLanguages: true,
    lng: start,
    fallbackLng: DEFAULT_LANGUAGE,
    interpolation: { escapeValue: false },
  });

i18n.on('languageChanged', (language) => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});
if (typeof document !== 'undefined') document.documentElement.lang = start;

export default i18n;
