import { pageOf, timestamp, uuid } from '@greenlight/common';
import { z } from 'zod';
import { CERTIFICATE_STATUSES } from '../../issuing/certificate.entity';
import { CHECKS } from '../../verifying/verification-texts';

/** The certificate service's responses, as the OpenAPI document (and so the web's types) describe them. */

const printedDay = () => z.string().meta({ format: 'date', description: 'The completion day as printed (YYYY-MM-DD)' });

const certifiedModule = z.object({ slug: z.string(), title: z.string(), version: z.int().min(1) });

/** What a certificate and its public check both say: the CPD hours, the dates, and whether it still holds. */
const hoursAndDates = {
  cpdHours: z.number().min(0),
  completedAt: timestamp(),
  completionDate: printedDay(),
  issuedAt: timestamp(),
  validUntil: timestamp().nullable().meta({ description: 'null: it never expires' }),
  expired: z.boolean(),
  revokedAt: timestamp().nullable(),
};

export const certificateResponse = z
  .object({
    id: uuid(),
    enrolmentId: uuid().meta({ description: 'The enrolment it certifies' }),
    serial: z.string().meta({ example: 'GL-2026-7K3Q-9XPM' }),
    status: z.enum(CERTIFICATE_STATUSES),
    holderName: z.string(),
    module: certifiedModule,
    track: z.string().nullable(),
    trackTitle: z.string().nullable(),
    ...hoursAndDates,
    revocationReason: z.string().nullable(),
    supersededAt: timestamp().nullable(),
    replacesId: uuid().nullable().meta({ description: 'The certificate this one replaced (a reissue)' }),
    pdfSha256: z.string(),
    verifyUrl: z.string(),
    pdfUrl: z.string(),
    credentialUrl: z.string(),
  })
  .meta({ id: 'Certificate' });

export const certificatePageResponse = pageOf(certificateResponse).meta({ id: 'CertificatePage' });

export const verificationResponse = z
  .object({
    valid: z.boolean(),
    status: z.enum([...CERTIFICATE_STATUSES, 'expired']).meta({ description: 'expired once validUntil has passed' }),
    serial: z.string(),
    holderName: z.string(),
    module: certifiedModule,
    track: z.string().nullable().meta({ description: "The track's title" }),
    ...hoursAndDates,
    supersededAt: timestamp().nullable(),
    supersededBy: z.string().nullable().meta({ description: 'The serial that replaced it' }),
    issuer: z.object({ id: z.string(), name: z.string() }),
    pdfSha256: z.string(),
  })
  .meta({ id: 'Verification' });

/** JSON-LD documents (credentials, profiles, keys) are open-ended: their own standards describe them. */
const jsonLdDocument = (id: string, description: string) => z.looseObject({}).meta({ id, description });

export const openBadgeCredentialResponse = jsonLdDocument(
  'OpenBadgeCredential',
  'An Open Badges 3.0 OpenBadgeCredential (W3C Verifiable Credential), with its proof',
);

export const signedCredentialResponse = z
  .object({
    jwt: z.string().nullable().meta({ description: 'The VC-JWT (EdDSA)' }),
    credential: openBadgeCredentialResponse
      .nullable()
      .meta({ description: 'The credential with an eddsa-rdfc-2022 Data Integrity proof' }),
  })
  .meta({ id: 'SignedCredential' });

export const issuerProfileResponse = jsonLdDocument(
  'IssuerProfile',
  'An Open Badges 3.0 Profile and controller document (every verification key, as Multikey)',
);
export const multikeyResponse = jsonLdDocument('Multikey', 'A verification key as a Multikey document');
export const statusListCredentialResponse = jsonLdDocument(
  'BitstringStatusListCredential',
  'A signed W3C Bitstring Status List credential (purpose revocation)',
);

export const jwkResponse = z
  .looseObject({
    kty: z.string(),
    crv: z.string(),
    x: z.string(),
    kid: z.string(),
    alg: z.literal('EdDSA'),
    use: z.literal('sig'),
  })
  .meta({ id: 'Jwk' });

export const jwksResponse = z.object({ keys: z.array(jwkResponse) }).meta({ id: 'Jwks' });

export const credentialVerificationResponse = z
  .object({
    verified: z.boolean(),
    checks: z.array(z.object({ id: z.enum(CHECKS), ok: z.boolean(), message: z.string() })),
    certificate: z
      .object({
        serial: z.string(),
        holderName: z.string(),
        module: z.object({ slug: z.string(), title: z.string() }),
        status: z.string(),
      })
      .optional()
      .meta({ description: 'Ours: the certificate the credential is of' }),
  })
  .meta({ id: 'CredentialVerification' });

export type CertificateResponse = z.infer<typeof certificateResponse>;
export type CertificatePageResponse = z.infer<typeof certificatePageResponse>;
export type VerificationResponse = z.infer<typeof verificationResponse>;
