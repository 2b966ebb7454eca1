import { languageTag } from '../i18n/languages';

export function formatDate(iso: string | null | undefined, language: string, withTime = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(languageTag(language), {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(date);
}

export function formatNumber(value: number, language: string, digits = 1): string {
  return new Intl.NumberFormat(languageTag(language), { maximumFractionDigits: digits }).format(value);
}

/** A rate of the reports (a fraction 0–1, API.md) as a whole percentage. */
export function percent(rate: number): number {
  return Math.round(rate * 100);
}

/** LinkedIn's documented "add to profile" link for a certification. */
export function linkedInAddUrl(input: {
  name: string;
  organization: string;
  issuedAt: string;
  certUrl: string;
  certId: string;
}): string {
  const issued = new Date(input.issuedAt);
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: input.name,
    organizationName: input.organization,
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
    certUrl: input.certUrl,
    certId: input.certId,
  });
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

const SEPARATORS = /[\s<>,;"'()]+/;
const ADDRESS = /^[^\s<>,;"'()]+@[^\s<>,;"'()]+\.[^\s<>,;"'()]+$/;

/** Splits pasted text (lines, commas, semicolons, spaces, "Name <email>") into unique emails. */
export function parseEmails(text: string): string[] {
  return parseAddressList(text).emails;
}

/**
 * The emails of a pasted list, and the pieces that were meant as one but are not (`ana@example`):
 * names and other columns of a pasted table carry no `@`, so they are neither.
 */
export function parseAddressList(text: string): { emails: string[]; invalid: string[] } {
  const tokens = [...new Set(text.split(SEPARATORS).map((token) => token.toLowerCase()))];
  return {
    emails: tokens.filter((token) => ADDRESS.test(token)),
    invalid: tokens.filter((token) => token.includes('@') && !ADDRESS.test(token)),
  };
}
