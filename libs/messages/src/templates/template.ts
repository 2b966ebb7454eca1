import type { Locale } from '@greenlight/common';

export interface ComposedMessage {
  subject: string;
  text: string;
  html?: string;
}

/** One kind of message in each language: a file per kind in this folder. */
export type MessageTemplate<V> = Record<Locale, (vars: V) => ComposedMessage>;

export const PLACEHOLDERS = ['name', 'module', 'link', 'percent'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** Placeholders a staff-written text uses that are not ours (answered as a 400 before anything is sent). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((match) => match[1]!)
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole,
  );
}

/** French puts a narrow no-break space before a colon. */
export const colon = (locale: Locale) => (locale === 'fr' ? '\u202f: ' : ': ');
