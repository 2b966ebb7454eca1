import { type Locale, LOCALE_TAGS } from '@greenlight/common';

export interface CertificateTexts {
  /** French sets a (narrow no-break) space before a colon. */
  colon: string;
  heading: string;
  certifies: string;
  completed: string;
  track: string;
  completedOn: string;
  validUntil: string;
  cpdHours: (hours: number) => string;
  serial: string;
  verify: string;
  /** The QR code's alternative text, before its address. */
  qrCode: string;
  signatory: string;
  transcript: string;
  transcriptFor: string;
  total: string;
  columns: { module: string; track: string; completed: string; hours: string; serial: string };
}

const hoursIn = (locale: Locale, hours: number) =>
  new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 2 }).format(hours);

export const TEXTS: Record<Locale, CertificateTexts> = {
  en: {
    colon: ': ',
    heading: 'Certificate of Completion',
    certifies: 'This certifies that',
    completed: 'has successfully completed the module',
    track: 'Track',
    completedOn: 'Completed on',
    validUntil: 'Valid until',
    cpdHours: (hours) => `${hoursIn('en', hours)} CPD ${hours === 1 ? 'hour' : 'hours'}`,
    serial: 'Serial',
    verify: 'Verify at',
    qrCode: 'QR code to verify this certificate at',
    signatory: 'Signature',
    transcript: 'Transcript',
    transcriptFor: 'Certificates held by',
    total: 'Total CPD hours',
    columns: { module: 'Module', track: 'Track', completed: 'Completed', hours: 'CPD hours', serial: 'Serial' },
  },
  fr: {
    colon: '\u202f: ',
    heading: 'Certificat de réussite',
    certifies: 'Nous certifions que',
    completed: 'a terminé avec succès le module',
    track: 'Volet',
    completedOn: 'Terminé le',
    validUntil: 'Valide jusqu’au',
    cpdHours: (hours) => `${hoursIn('fr', hours)} ${hours < 2 ? 'heure' : 'heures'} de perfectionnement professionnel`,
    serial: 'Numéro',
    verify: 'Vérifier sur',
    qrCode: 'Code QR pour vérifier ce certificat sur',
    signatory: 'Signature',
    transcript: 'Relevé',
    transcriptFor: 'Certificats détenus par',
    total: 'Total des heures de perfectionnement',
    columns: { module: 'Module', track: 'Volet', completed: 'Terminé le', hours: 'Heures', serial: 'Numéro' },
  },
};

/** A YYYY-MM-DD calendar day written out in the member's language ("March 4, 2026", "4 mars 2026"). */
export function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(`${day}T00:00:00Z`));
}
