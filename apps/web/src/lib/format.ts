import { decimalMark, languageTag } from '../i18n/languages';

export function formatDate(iso: string | null | undefined, language: string, withTime = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(languageTag(language), {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(date);
}

/**
 * A number as Intl.NumberFormat(languageTag, { maximumFractionDigits: digits }) writes it. The small ones the
 * pages show (CPD hours, days: from 0 to under 1,000, no digit grouping) are written without Intl: a phone's
 * first Intl.NumberFormat loads ICU's number data, about 60 ms of main thread at Lighthouse's 4× CPU
 * slowdown, on a page whose only number is "4.5 CPD hours". Like Intl, it rounds the number's shortest
 * decimal form (0.35 → 0.4) half away from zero; lib.test.ts compares the two over a sweep of values.
 */
export function formatNumber(value: number, language: string, digits = 1): string {
  const plain = value === 0 || (value >= 1e-6 && value < 1000) ? String(value) : '';
  const written = plain && roundDecimal(plain, digits);
  if (!written || Number(written) >= 1000 || Object.is(value, -0)) {
    return new Intl.NumberFormat(languageTag(language), { maximumFractionDigits: digits }).format(value);
  }
  return written.replace('.', decimalMark(language));
}

/** "12.345" to at most `digits` decimals, half away from zero, without trailing zeros ("12.35", "12.3", "12"). */
function roundDecimal(decimal: string, digits: number): string {
  const [whole, fraction = ''] = decimal.split('.');
  if (fraction.length <= digits) return fraction ? `${whole}.${fraction}` : whole;
  const scaled = Number(whole + fraction.slice(0, digits)) + (fraction[digits] >= '5' ? 1 : 0);
  const text = String(scaled).padStart(digits + 1, '0');
  const kept = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return digits ? kept.replace(/0+$/, '').replace(/\.$/, '') : kept;
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
