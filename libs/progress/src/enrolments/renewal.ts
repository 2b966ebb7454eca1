import type { CertificateFact, EnrolmentRecord } from './enrolment.repository';

/** A certificate may be renewed from this many days before it ends (and any time after). */
export const RENEWAL_WINDOW_DAYS = 90;

const DAY_MS = 24 * 3600 * 1000;

/**
 * The renewal rule, the one place it is decided: a member may enrol again in a module when their
 * current enrolment's certificate is issued (not revoked, not already superseded) and its validity
 * ends within the window, or has ended. A certificate that never expires is never renewed.
 */
export function isRenewable(
  enrolment: Pick<EnrolmentRecord, 'current' | 'status'>,
  certificate: CertificateFact | undefined,
  now: Date = new Date(),
): boolean {
  if (!enrolment.current || enrolment.status !== 'completed') return false;
  if (!certificate || certificate.status !== 'issued' || !certificate.validUntil) return false;
  return new Date(certificate.validUntil).getTime() - now.getTime() <= RENEWAL_WINDOW_DAYS * DAY_MS;
}
