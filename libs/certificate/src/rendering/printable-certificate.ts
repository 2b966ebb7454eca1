import type { Locale } from '@greenlight/common';
import type { PendingCertificate } from '../issuing/certificate.repository';
import { validUntilDay } from '../issuing/validity';

/**
 * How a certificate's PDF is built. 1: the first layout, untagged. 2: a tagged PDF (structure tree,
 * language, title displayed) conforming to PDF/A-3b. A certificate keeps the layout it was issued with,
 * so a lost file renders again to the bytes its pdfSha256 names.
 */
export const PDF_LAYOUTS = [1, 2] as const;
export type PdfLayout = (typeof PDF_LAYOUTS)[number];
export const CURRENT_PDF_LAYOUT: PdfLayout = 2;

/** Everything printed on a certificate: a snapshot, so the same record always renders the same bytes. */
export interface PrintableCertificate {
  serial: string;
  holderName: string;
  moduleTitle: string;
  moduleVersion: number;
  trackTitle: string | null;
  cpdHours: number;
  completionDate: string;
  /** The last day it is valid, YYYY-MM-DD in the issuer's zone; null: it never expires. */
  validUntil: string | null;
  issuedAt: Date;
  locale: Locale;
  layout: PdfLayout;
}

/** What a certificate record prints, in its holder's language. */
export function printableOf(
  c: Pick<
    PendingCertificate,
    | 'serial'
    | 'holderName'
    | 'moduleTitle'
    | 'moduleVersion'
    | 'trackTitle'
    | 'cpdHours'
    | 'completionDate'
    | 'validUntil'
    | 'timeZone'
    | 'issuedAt'
    | 'locale'
    | 'pdfLayout'
  >,
): PrintableCertificate {
  return {
    serial: c.serial,
    holderName: c.holderName,
    moduleTitle: c.moduleTitle[c.locale],
    moduleVersion: c.moduleVersion,
    trackTitle: c.trackTitle?.[c.locale] ?? null,
    cpdHours: c.cpdHours,
    completionDate: c.completionDate,
    validUntil: validUntilDay(c.validUntil, c.timeZone),
    issuedAt: c.issuedAt,
    locale: c.locale,
    layout: c.pdfLayout,
  };
}

export interface TranscriptLine {
  moduleTitle: string;
  trackTitle: string | null;
  completionDate: string;
  cpdHours: number;
  serial: string;
}
