import { createHash, createHmac, randomBytes, sign as cryptoSign } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { SignJWT } from 'jose';
import { AppConfig, devSecret, InjectConfig } from '@greenlight/config';
import type { UndraftedCertificate } from '../issuing/certificate.repository';
import { DocumentLoader, offlineDocumentLoader } from './document-loader';
import { ProofOptionsCache, ReusingDataIntegrityProof } from './reusing-data-integrity-proof';
import { PublicSigningKey, SigningKeySet } from './signing-keys';

export const SIGNING_KEYS = Symbol('SIGNING_KEYS');

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
const SECURITY_V2_CONTEXT = 'https://w3id.org/security/v2';

export interface SignedCredential {
  credential: Record<string, unknown>;
  jwt: string;
}

/**
 * Open Badges 3.0 credentials, signed two ways at issue: an embedded Data Integrity proof
 * (eddsa-rdfc-2022) and a VC-JWT (EdDSA). Both name the key by id, and every key ever used stays in
 * the JWKS and the issuer's controller document, so rotating the key never breaks old credentials.
 */
@Injectable()
export class CredentialIssuer {
  readonly issuerId: string;
  private readonly loader: DocumentLoader;
  private readonly subjectSalt: string | null;
  private readonly signer: { id: string; algorithm: 'Ed25519'; sign(input: { data: Uint8Array }): Promise<Buffer> };
  private readonly proofOptions = new ProofOptionsCache();

  constructor(
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeySet,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.issuerId = `${config.PUBLIC_URL.replace(/\/$/, '')}/api/issuer`;
    this.loader = offlineDocumentLoader(this.controllerDocuments());
    this.subjectSalt =
      config.SUBJECT_HASH_SALT ?? (config.isProduction ? null : devSecret(config.DATA_DIR, 'subject-hash-salt'));
    // The key object loaded once at boot signs every proof. (The Multikey library's signer rebuilds a
    // private key from raw bytes for each signature; Ed25519 is deterministic, so the bytes are the same.)
    const { privateKey } = keys.current;
    this.signer = {
      id: this.verificationMethodId(keys.current.kid),
      algorithm: 'Ed25519',
      sign: async ({ data }) => cryptoSign(null, data, privateKey),
    };
  }

  verificationMethodId(kid: string): string {
    return `${this.issuerId}#${kid}`;
  }

  jwks(): { keys: PublicSigningKey['jwk'][] } {
    return { keys: this.keys.all.map((key) => key.jwk) };
  }

  /** The issuer profile (also its controller document): name, URL and every verification key. */
  profile(): Record<string, unknown> {
    return {
      '@context': [SECURITY_V2_CONTEXT, MULTIKEY_CONTEXT],
      id: this.issuerId,
      assertionMethod: this.keys.all.map((key) => this.verificationMethodId(key.kid)),
      verificationMethod: this.keys.all.map((key) => this.verificationMethod(key)),
      name: this.config.ISSUER_NAME,
      url: this.config.PUBLIC_URL,
      jwks: this.jwks(),
    };
  }

  /** The documents a verifier's offline loader needs: the controller document and each key. */
  controllerDocuments(): Record<string, Record<string, unknown>> {
    const documents: Record<string, Record<string, unknown>> = {
      [this.issuerId]: {
        '@context': SECURITY_V2_CONTEXT,
        id: this.issuerId,
        assertionMethod: this.keys.all.map((key) => this.verificationMethodId(key.kid)),
      },
    };
    for (const key of this.keys.all) {
      documents[this.verificationMethodId(key.kid)] = {
        '@context': MULTIKEY_CONTEXT,
        ...this.verificationMethod(key),
      };
    }
    return documents;
  }

  async issue(certificate: UndraftedCertificate, email: string): Promise<SignedCredential> {
    const unsigned = this.build(certificate, email);
    const key = this.keys.current;
    const suite = new ReusingDataIntegrityProof(
      { signer: this.signer, cryptosuite: eddsaRdfc2022, date: certificate.issuedAt },
      this.proofOptions,
    );
    const credential = await vc.issue({ credential: structuredClone(unsigned), suite, documentLoader: this.loader });
    const jwt = await new SignJWT({ ...unsigned })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'vc+jwt', cty: 'vc' })
      .setIssuer(this.issuerId)
      .setJti(unsigned.id as string)
      .setNotBefore(Math.floor(certificate.issuedAt.getTime() / 1000))
      .setIssuedAt(Math.floor(certificate.issuedAt.getTime() / 1000))
      .sign(key.privateKey);
    return { credential, jwt };
  }

  private build(certificate: UndraftedCertificate, email: string): Record<string, unknown> {
    const base = this.config.PUBLIC_URL.replace(/\/$/, '');
    // The salt is published with the hash (verifiers need it). Derived from the secret, it is stable per
    // member without revealing the secret; with no secret configured, each credential gets a random one.
    const salt = this.subjectSalt
      ? createHmac('sha256', this.subjectSalt).update(email.toLowerCase()).digest('base64url')
      : randomBytes(16).toString('base64url');
    const identityHash = createHash('sha256')
      .update(email.toLowerCase() + salt)
      .digest('hex');
    const title = certificate.moduleTitle.en;
    const criteria = {
      en: `Completed every required unit of "${title}" (version ${certificate.moduleVersion})${
        certificate.trackTitle ? ` on the ${certificate.trackTitle.en} track` : ''
      }.`,
    };
    return {
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
      id: `urn:uuid:${certificate.id}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: `${this.config.PROGRAM_NAME}: ${title}`,
      issuer: { id: this.issuerId, type: ['Profile'], name: this.config.ISSUER_NAME, url: base },
      validFrom: certificate.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ...(certificate.validUntil ? { validUntil: certificate.validUntil.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
      credentialSubject: {
        type: ['AchievementSubject'],
        name: certificate.holderName,
        identifier: [
          {
            type: 'IdentityObject',
            identityHash: `sha256$${identityHash}`,
            identityType: 'emailAddress',
            hashed: true,
            salt,
          },
        ],
        activityEndDate: certificate.completedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        achievement: {
          id: `${base}/modules/${certificate.moduleSlug}?version=${certificate.moduleVersion}`,
          type: ['Achievement'],
          achievementType: 'Certificate',
          name: title,
          description: `${this.config.PROGRAM_NAME} module "${title}", version ${certificate.moduleVersion}.`,
          criteria: { narrative: criteria.en },
          creditsAvailable: certificate.cpdHours,
        },
        creditsEarned: certificate.cpdHours,
      },
      evidence: [
        {
          id: `${base}/verify/${certificate.serial}`,
          type: ['Evidence'],
          name: `Certificate ${certificate.serial}`,
        },
      ],
    };
  }

  private verificationMethod(key: PublicSigningKey) {
    return {
      id: this.verificationMethodId(key.kid),
      type: 'Multikey',
      controller: this.issuerId,
      publicKeyMultibase: multibaseOf(key),
    };
  }
}

/** Multikey encoding of an Ed25519 public key: 'z' + base58btc(0xed01 ‖ key). */
export function multibaseOf(key: PublicSigningKey): string {
  const raw = Buffer.from(key.jwk.x!, 'base64url');
  return `z${base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), raw]))}`;
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58btc(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex') || '0'}`);
  let out = '';
  while (value > 0n) {
    out = BASE58[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = '1' + out;
  }
  return out;
}
