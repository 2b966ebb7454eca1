import type { Locale } from '@greenlight/common';
import type { PendingCertificate } from '../issuing/certificate.repository';

/** A unit's title in every language, as the module version names it. */
export type UnitTitle = Record<Locale, string>;

type Described = Pick<PendingCertificate, 'moduleTitle' | 'moduleVersion' | 'trackTitle' | 'locale' | 'serial'>;

/** The module's generated badge, in one language. */
export function badgeUrl(publicUrl: string, slug: string, version: number, locale: Locale): string {
  return `${publicUrl.replace(/\/$/, '')}/api/badges/${encodeURIComponent(slug)}/${version}?lang=${locale}`;
}

/** What a credential says in words, in the holder's language (the credential's `inLanguage`). */
export function credentialTexts(certificate: Described, units: UnitTitle[], programName: string) {
  const locale = certificate.locale;
  const title = certificate.moduleTitle[locale] ?? certificate.moduleTitle.en;
  const track = certificate.trackTitle ? (certificate.trackTitle[locale] ?? certificate.trackTitle.en) : null;
  const unitNames = units.map((unit) => unit[locale] ?? unit.en);
  const version = certificate.moduleVersion;
  if (locale === 'fr') {
    return {
      title,
      name: `${programName} : ${title}`,
      description: `Module « ${title} » du programme ${programName}, version ${version}.`,
      criteria:
        `A terminé toutes les unités requises de « ${title} » (version ${version})` +
        (track ? `, parcours ${track}` : '') +
        (unitNames.length ? ` : ${unitNames.join(' ; ')}.` : '.'),
      imageCaption: `Insigne du module « ${title} »`,
      evidence: `Certificat ${certificate.serial}`,
    };
  }
  return {
    title,
    name: `${programName}: ${title}`,
    description: `${programName} module "${title}", version ${version}.`,
    criteria:
      `Completed every required unit of "${title}" (version ${version})` +
      (track ? ` on the ${track} track` : '') +
      (unitNames.length ? `: ${unitNames.join('; ')}.` : '.'),
    imageCaption: `Badge of the module "${title}"`,
    evidence: `Certificate ${certificate.serial}`,
  };
}
