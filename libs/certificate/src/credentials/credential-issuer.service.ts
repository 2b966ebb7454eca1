import { createHash, createHmac, randomBytes, sign as cryptoSign } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { SignJWT } from 'jose';
import { AppConfig, devSecret, InjectConfig } from '@greenlight/config';
import type { PendingCertificate } from '../issuing/certificate.repository';
import { DocumentLoader, offlineDocumentLoader } from './document-loader';
import { statusListEntry } from '../status-lists/status-list-entry';
import { badgeUrl, credentialTexts, UnitTitle } from './credential-texts';
import { ProofOptionsCache, ReusingDataIntegrityProof } from './reusing-data-integrity-proof';
import { PublicSigningKey, SigningKeySet } from './signing-keys';

export const SIGNING_KEYS = Symbol('SIGNING_KEYS');

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** 1EdTech's extensions: defines the `1EdTechJsonSchemaValidator2019` schema type (a relative IRI otherwise). */
export const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
const SECURITY_V2_CONTEXT = 'https://w3id.org/security/v2';
/** Where verifiers look for 1EdTech's AchievementCredential JSON Schema (VC 2.0 form). */
export const ACHIEVEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

export interface SignedCredential {
  credential: Record<string, unknown>;
  jwt: string;
}

/**
 * Open Badges 3.0 credentials, signed two ways at issue: an embedded Data Integrity proof
 * (eddsa-rdfc-2022) and a VC-JWT (EdDSA). Every key ever used keeps its own URL (the Multikey a proof's
 * `verificationMethod` names, and the JWK a JWT's `kid` names) and stays in the JWKS and the issuer
 * profile, so rotating the key never breaks old credentials.
 */
@Injectable()
export class CredentialIssuer {
  readonly issuerId: string;
  private readonly base: string;
  private readonly loader: DocumentLoader;
  private readonly subjectSalt: string | null;
  private readonly signer: { id: string; algorithm: 'Ed25519'; sign(input: { data: Uint8Array }): Promise<Buffer> };
  private readonly proofOptions = new ProofOptionsCache();

  constructor(
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeySet,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.base = config.PUBLIC_URL.replace(/\/$/, '');
    this.issuerId = `${this.base}/api/issuer`;
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

  /** The URL of a key as a Multikey: what a Data Integrity proof's `verificationMethod` names. */
  verificationMethodId(kid: string): string {
    return `${this.issuerId}/keys/${kid}`;
  }

  /** The URL of a key as a JWK: what a VC-JWT's `kid` names (OB 3.0 §8.2: a URI that dereferences to the JWK). */
  jwkId(kid: string): string {
    return `${this.verificationMethodId(kid)}/jwk`;
  }

  jwks(): { keys: PublicSigningKey['jwk'][] } {
    return { keys: this.keys.all.map((key) => this.jwkOf(key)) };
  }

  /** A key by its thumbprint, as a Multikey document; null for a key this issuer never had. */
  keyDocument(kid: string): Record<string, unknown> | null {
    const key = this.keys.all.find((k) => k.kid === kid);
    return key ? { '@context': MULTIKEY_CONTEXT, ...this.verificationMethod(key) } : null;
  }

  /** A key by its thumbprint, as a JWK; null for a key this issuer never had. */
  jwk(kid: string): PublicSigningKey['jwk'] | null {
    const key = this.keys.all.find((k) => k.kid === kid);
    return key ? this.jwkOf(key) : null;
  }

  /**
   * The issuer: an Open Badges 3.0 Profile (name, URL, email, image) that is also its controller
   * document (the keys it asserts with). Security v2 comes first only for `assertionMethod`, which the
   * VC and OB contexts leave undefined; theirs then take precedence for everything else.
   */
  profile(): Record<string, unknown> {
    return {
      '@context': [SECURITY_V2_CONTEXT, VC_V2_CONTEXT, OB_V3_CONTEXT, MULTIKEY_CONTEXT],
      id: this.issuerId,
      type: ['Profile'],
      name: this.config.ISSUER_NAME,
      url: this.config.PUBLIC_URL,
      email: mailboxOf(this.config.MAIL_FROM),
      image: { id: `${this.issuerId}/image`, type: 'Image', caption: this.config.ISSUER_NAME },
      assertionMethod: this.keys.all.map((key) => this.verificationMethodId(key.kid)),
      verificationMethod: this.keys.all.map((key) => this.verificationMethod(key)),
    };
  }

  /** What an offline verifier needs to resolve: the issuer profile, and each key both ways. */
  controllerDocuments(): Record<string, Record<string, unknown>> {
    const documents: Record<string, Record<string, unknown>> = { [this.issuerId]: this.profile() };
    for (const key of this.keys.all) {
      documents[this.verificationMethodId(key.kid)] = this.keyDocument(key.kid)!;
      documents[this.jwkId(key.kid)] = this.jwkOf(key);
    }
    return documents;
  }

  /** Adds an eddsa-rdfc-2022 proof with the current key; `proof` is a list, as 1EdTech's schema wants it. */
  async sign(unsigned: Record<string, unknown>, date: Date): Promise<Record<string, unknown>> {
    const suite = new ReusingDataIntegrityProof(
      { signer: this.signer, cryptosuite: eddsaRdfc2022, date },
      this.proofOptions,
    );
    const signed = await vc.issue({ credential: structuredClone(unsigned), suite, documentLoader: this.loader });
    return { ...signed, proof: [signed.proof] };
  }

  async issue(certificate: PendingCertificate, email: string, units: UnitTitle[] = []): Promise<SignedCredential> {
    const unsigned = this.build(certificate, email, units);
    const key = this.keys.current;
    const credential = await this.sign(unsigned, certificate.issuedAt);
    const subject = unsigned.credentialSubject as { identifier: { identityHash: string }[] };
    const validUntil = unsigned.validUntil as string | undefined;
    // OB 3.0 §8.2: the credential is the payload, with the registered claims beside it.
    const jwt = new SignJWT({ ...unsigned })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.jwkId(key.kid), typ: 'JWT' })
      .setIssuer(this.issuerId)
      .setSubject(subject.identifier[0].identityHash)
      .setJti(unsigned.id as string)
      .setNotBefore(Math.floor(certificate.issuedAt.getTime() / 1000))
      .setIssuedAt(Math.floor(certificate.issuedAt.getTime() / 1000));
    if (validUntil) jwt.setExpirationTime(Math.floor(new Date(validUntil).getTime() / 1000));
    return { credential, jwt: await jwt.sign(key.privateKey) };
  }

  private build(certificate: PendingCertificate, email: string, units: UnitTitle[]): Record<string, unknown> {
    const base = this.base;
    // The salt is published with the hash (verifiers need it). Derived from the secret, it is stable per
    // member without revealing the secret; with no secret configured, each credential gets a random one.
    const salt = this.subjectSalt
      ? createHmac('sha256', this.subjectSalt).update(email.toLowerCase()).digest('base64url')
      : randomBytes(16).toString('base64url');
    const identityHash = createHash('sha256')
      .update(email.toLowerCase() + salt)
      .digest('hex');
    const texts = credentialTexts(certificate, units, this.config.PROGRAM_NAME);
    return {
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_EXTENSIONS_CONTEXT],
      id: `urn:uuid:${certificate.id}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: texts.name,
      inLanguage: certificate.locale,
      issuer: { id: this.issuerId, type: ['Profile'], name: this.config.ISSUER_NAME, url: base },
      validFrom: certificate.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ...(certificate.validUntil ? { validUntil: certificate.validUntil.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
      ...(certificate.statusListPosition !== null && {
        credentialStatus: statusListEntry(base, certificate.statusListPosition),
      }),
      credentialSchema: [{ id: ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
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
          name: texts.title,
          description: texts.description,
          criteria: { narrative: texts.criteria },
          image: {
            id: badgeUrl(base, certificate.moduleSlug, certificate.moduleVersion, certificate.locale),
            type: 'Image',
            caption: texts.imageCaption,
          },
          inLanguage: certificate.locale,
          creditsAvailable: certificate.cpdHours,
        },
        creditsEarned: certificate.cpdHours,
      },
      evidence: [
        {
          id: `${base}/verify/${certificate.serial}`,
          type: ['Evidence'],
          name: texts.evidence,
        },
      ],
    };
  }

  private jwkOf(key: PublicSigningKey): PublicSigningKey['jwk'] {
    return { ...key.jwk, kid: this.jwkId(key.kid) };
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

/** `Name <address>` or a bare address, as MAIL_FROM takes it: the address. */
function mailboxOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
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
