import type { Certificate } from '../api/types';

/** Whether a certificate stands now: the server's `status` words, with `expired` for a lapsed one. */
export type Standing = Certificate['status'] | 'expired';

/**
 * The one place the web decides whether a certificate is valid now, from what the server sends: a
 * verification's `status` already says `expired`; a certificate says `issued` and `expired: true` once its
 * `validUntil` has passed (revoked and superseded say more, so they win). The browser never compares
 * dates itself: its clock and zone are not the issuer's.
 */
export function standingOf(certificate: { status: string; expired?: boolean }): Standing {
  const status = certificate.status as Standing;
  return status === 'issued' && certificate.expired ? 'expired' : status;
}

export const isValidNow = (certificate: { status: string; expired?: boolean }) => standingOf(certificate) === 'issued';

/** The badge colour of a standing (dark shades: white text on them passes WCAG AA). */
export const standingColor = (standing: Standing) =>
  standing === 'issued' ? 'teal.9' : standing === 'expired' ? 'orange.9' : 'red.9';
