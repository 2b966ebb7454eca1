import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Locale } from '@greenlight/common';
import type { PdfLayout } from '../rendering/printable-certificate';

export const CERTIFICATE_STATUSES = ['issued', 'revoked', 'superseded'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** `numeric` comes back from pg as a string; CPD hours are small decimals, safe as a JS number. */
const numeric = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A certificate is a snapshot taken at issue: everything printed on it is copied here, so it can be
 * re-rendered byte for byte whatever later happens to the member or the module.
 */
@Entity({ schema: 'certificate', name: 'certificates' })
export class CertificateEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  serial: string;

  @Column('uuid')
  enrolmentId: string;

  @Column('uuid')
  memberId: string;

  @Column('uuid')
  moduleId: string;

  @Column('text')
  moduleSlug: string;

  @Column('int')
  moduleVersion: number;

  @Column('jsonb')
  moduleTitle: Record<Locale, string>;

  @Column('text', { nullable: true })
  track: string | null;

  @Column('jsonb', { nullable: true })
  trackTitle: Record<Locale, string> | null;

  @Column('text')
  holderName: string;

  @Column('text')
  locale: Locale;

  @Column('numeric', { transformer: numeric })
  cpdHours: number;

  @Column('timestamptz')
  completedAt: Date;

  /** The completion day in the issuer's time zone, as printed (YYYY-MM-DD). */
  @Column('date')
  completionDate: string;

  @Column('text')
  timeZone: string;

  @Column('timestamptz')
  issuedAt: Date;

  /**
   * When the certificate stops being valid: the completion's wall-clock time in `timeZone`, the module's
   * `validForMonths` later (see validity.ts). Null: it never expires.
   */
  @Column('timestamptz', { nullable: true })
  validUntil: Date | null;

  @Column('text')
  status: CertificateStatus;

  @Column('text')
  pdfSha256: string;

  /** How the PDF was built (`PDF_LAYOUTS`): re-rendering uses the same layout, so it gives the same bytes. */
  @Column('smallint')
  pdfLayout: PdfLayout;

  @Column('text')
  storageKey: string;

  /** The signed Open Badges credential with its Data Integrity proof, frozen at issue. */
  @Column('jsonb', { nullable: true })
  credential: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  credentialJwt: string | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('uuid', { nullable: true })
  revokedBy: string | null;

  @Column('text', { nullable: true })
  revocationReason: string | null;

  @Column('timestamptz', { nullable: true })
  supersededAt: Date | null;

  @Column('uuid', { nullable: true })
  replacesId: string | null;

  /** Its position across the revocation status lists (list = position / list length); null before status lists. */
  @Column('bigint', { nullable: true, transformer: numeric })
  statusListPosition: number | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;
}
