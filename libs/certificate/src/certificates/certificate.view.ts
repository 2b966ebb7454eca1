import type { Locale } from '@greenlight/common';
import type { CertificateEntity } from '../issuing/certificate.entity';
import { hasExpired } from '../issuing/validity';

/** API.md's `certificate`, plus the printed completion day, CPD hours, validity and revocation details. */
export function certificateView(c: CertificateEntity, locale: Locale, publicUrl: string) {
  const base = publicUrl.replace(/\/$/, '');
  return {
    id: c.id,
    enrolmentId: c.enrolmentId,
    serial: c.serial,
    status: c.status,
    holderName: c.holderName,
    module: { slug: c.moduleSlug, title: c.moduleTitle[locale] ?? c.moduleTitle.en, version: c.moduleVersion },
    track: c.track,
    trackTitle: c.trackTitle ? (c.trackTitle[locale] ?? c.trackTitle.en) : null,
    cpdHours: c.cpdHours,
    completedAt: c.completedAt.toISOString(),
    completionDate: c.completionDate,
    issuedAt: c.issuedAt.toISOString(),
    validUntil: c.validUntil?.toISOString() ?? null,
    expired: hasExpired(c.validUntil),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revocationReason: c.revocationReason,
    supersededAt: c.supersededAt?.toISOString() ?? null,
    replacesId: c.replacesId,
    pdfSha256: c.pdfSha256,
    verifyUrl: `${base}/verify/${c.serial}`,
    pdfUrl: `${base}/api/certificates/${c.id}/pdf`,
    credentialUrl: `${base}/api/certificates/${c.id}/credential`,
  };
}

export type CertificateView = ReturnType<typeof certificateView>;
