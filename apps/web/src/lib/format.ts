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

/** Splits pasted text (lines, commas, semicolons, spaces, "Name <email>") into unique emails. */
export function parseEmails(text: string): string[] {
  const found = text.match(/[^\s<>,;"'()]+@[^\s<>,;"'()]+\.[^\s<>,;"'()]+/g) ?? [];
  return [...new Set(found.map((email) => email.toLowerCase()))];
}
