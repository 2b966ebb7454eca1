import { Locale, localize } from '@greenlight/common';
import type { CertificateEntity } from '../issuing/certificate.entity';
import { hasExpired } from '../issuing/validity';

/** When the certificate was earned, issued, and (if so) ends, was revoked or replaced: both views show them alike. */
function datesOf(c: CertificateEntity) {
  return {
    completedAt: c.completedAt.toISOString(),
    completionDate: c.completionDate,
    issuedAt: c.issuedAt.toISOString(),
    validUntil: c.validUntil?.toISOString() ?? null,
    expired: hasExpired(c.validUntil),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    supersededAt: c.supersededAt?.toISOString() ?? null,
  };
}

/** API.md's `certificate`, plus the printed completion day, CPD hours, validity and revocation details. */
export function certificateView(c: CertificateEntity, locale: Locale, publicUrl: string) {
  const base = publicUrl.replace(/\/$/, '');
  return {
    id: c.id,
    enrolmentId: c.enrolmentId,
    serial: c.serial,
    status: c.status,
    holderName: c.holderName,
    module: { slug: c.moduleSlug, title: localize(c.moduleTitle, locale), version: c.moduleVersion },
    track: c.track,
    trackTitle: c.trackTitle ? localize(c.trackTitle, locale) : null,
    cpdHours: c.cpdHours,
    ...datesOf(c),
    revocationReason: c.revocationReason,
    replacesId: c.replacesId,
    pdfSha256: c.pdfSha256,
    verifyUrl: `${base}/verify/${c.serial}`,
    pdfUrl: `${base}/api/certificates/${c.id}/pdf`,
    credentialUrl: `${base}/api/certificates/${c.id}/credential`,
  };
}

export type CertificateView = ReturnType<typeof certificateView>;

/** A certificate's standing now: `expired` once an issued one's validity has passed (revoked and superseded say more, so they win). */
export type Standing = CertificateEntity['status'] | 'expired';

/** The one place the server decides whether a certificate stands now (the web reads the answer, never the dates). */
export function standingOf(c: Pick<CertificateEntity, 'status' | 'validUntil'>, now: Date = new Date()): Standing {
  return c.status === 'issued' && hasExpired(c.validUntil, now) ? 'expired' : c.status;
}

/**
 * What anyone checking a certificate is shown (POST /api/verify/credential's `certificate`): who, for what,
 * and whether it stands. Nothing else about the holder.
 */
export function verifiedCertificateView(c: CertificateEntity, locale: Locale) {
  return {
    serial: c.serial,
    holderName: c.holderName,
    module: { slug: c.moduleSlug, title: localize(c.moduleTitle, locale) },
    status: standingOf(c),
  };
}

/** GET /api/verify/:serial: the verified view with the dates, the issuer, the fingerprint and the replacement. */
export function verificationView(
  c: CertificateEntity,
  locale: Locale,
  context: { issuer: { id: string; name: string }; supersededBy: string | null },
) {
  const { serial, holderName, module, status } = verifiedCertificateView(c, locale);
  return {
    valid: status === 'issued',
    status,
    serial,
    holderName,
    module: { ...module, version: c.moduleVersion },
    track: c.trackTitle ? localize(c.trackTitle, locale) : null,
    cpdHours: c.cpdHours,
    ...datesOf(c),
    supersededBy: context.supersededBy,
    issuer: context.issuer,
    pdfSha256: c.pdfSha256,
  };
}
