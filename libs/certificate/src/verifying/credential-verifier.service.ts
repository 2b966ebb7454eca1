import { Injectable } from '@nestjs/common';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, JWK } from 'jose';
import type { Locale } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CertificateException, CertificateExceptionCode } from '../certificate.exception';
import { CredentialIssuer } from '../credentials/credential-issuer.service';
import { oneEdTechSchemas } from '../credentials/one-edtech-schemas';
import { CertificateRepository } from '../issuing/certificate.repository';
import { verifiedCertificateView } from '../certificates/certificate.view';
import { StatusListService } from '../status-lists/status-list.service';
import { CheckId, CHECKS, verificationTexts, VerificationTexts } from './verification-texts';
import { fetchPublicJson, VerificationLoader, verificationLoader } from './verification-loader';

type Credential = Record<string, any>;

export interface Check {
  id: CheckId;
  ok: boolean;
  message: string;
}

export interface CredentialVerification {
  verified: boolean;
  checks: Check[];
  certificate?: { serial: string; holderName: string; module: { slug: string; title: string }; status: string };
}

/** What the signature check learnt: whether it held, and the key it was made with (its document). */
interface Signed {
  ok: boolean;
  message: string;
  key?: Record<string, any>;
}

const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'];
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);
const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'object' && value ? (value as { id?: string }).id : undefined;
const typesOf = (value: unknown): string[] => (Array.isArray(value) ? value : value ? [value] : []) as string[];

/**
 * Checks a credential someone hands in, as an outside verifier would, and says what it found in words:
 * signature (Data Integrity eddsa-rdfc-2022, or a VC-JWT), issuer, status list, dates and 1EdTech's
 * schema. This platform's documents are answered in process; other issuers' are resolved (did:key
 * locally, HTTPS fetched with limits), so their Open Badges verify too.
 */
@Injectable()
export class CredentialVerifier {
  private readonly loader: VerificationLoader;
  private readonly base: string;
  private readonly suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

  constructor(
    private readonly credentials: CredentialIssuer,
    private readonly statusLists: StatusListService,
    private readonly repository: CertificateRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.base = config.PUBLIC_URL.replace(/\/$/, '');
    const documents = credentials.controllerDocuments();
    this.loader = verificationLoader(
      async (url) => {
        if (!url.startsWith(`${this.base}/`)) return null;
        if (documents[url]) return documents[url];
        const list = /^\/api\/status-lists\/(\d+)$/.exec(url.slice(this.base.length));
        const found = list ? await this.statusLists.credential(Number(list[1])) : null;
        if (!found) throw new Error(`${url} is not a document of this platform`);
        return found;
      },
      (url) => fetchPublicJson(url, !config.isProduction),
    );
  }

  async verify(body: Record<string, unknown>, locale: Locale): Promise<CredentialVerification> {
    const texts = verificationTexts[locale];
    const { credential, jwt } = this.credentialIn(body);
    const signed = jwt ? await this.checkJwt(jwt, credential, texts) : await this.checkProof(credential, texts);
    const issuerId = idOf(credential.issuer)!;
    const ours = issuerId === this.credentials.issuerId;
    const issuer = await this.checkIssuer(credential, signed, ours, texts);
    // Our record is shown only for a credential our own key signed.
    const certificate = ours && issuer.ok ? await this.ourCertificate(credential, locale) : undefined;
    const results: Record<CheckId, Omit<Check, 'id'>> = {
      signature: { ok: signed.ok, message: signed.message },
      issuer,
      status: await this.checkStatus(credential, certificate?.status, texts),
      expiry: this.checkDates(credential, texts, locale),
      schema: this.checkSchema(credential, texts),
    };
    const checks = CHECKS.map((id) => ({ id, ...results[id] }));
    return { verified: checks.every((c) => c.ok), checks, ...(certificate && { certificate }) };
  }

  /** The credential in the body: itself, a `{jwt}`, or the `{jwt, credential}` the credential route gives. */
  private credentialIn(body: Record<string, unknown>): { credential: Credential; jwt?: string } {
    const notCredential = (why: string) =>
      new CertificateException(CertificateExceptionCode.NotACredential, `This is not a verifiable credential: ${why}.`);
    let credential: unknown;
    let jwt: string | undefined;
    if ('@context' in body) credential = body;
    else if (body.credential && typeof body.credential === 'object') credential = body.credential;
    else if (typeof body.jwt === 'string') {
      jwt = body.jwt.trim();
      try {
        decodeProtectedHeader(jwt);
        const payload = decodeJwt(jwt) as Credential;
        credential =
          payload.vc && typeof payload.vc === 'object'
            ? payload.vc
            : Object.fromEntries(Object.entries(payload).filter(([claim]) => !REGISTERED_CLAIMS.includes(claim)));
      } catch {
        throw notCredential('the JWT cannot be read');
      }
    } else throw notCredential('send the credential as JSON, or its JWT as {"jwt": "…"}');
    const c = credential as Credential;
    if (!c || typeof c !== 'object' || Array.isArray(c)) throw notCredential('it is not a JSON object');
    if (!c['@context']) throw notCredential('it has no @context');
    if (!typesOf(c.type).includes('VerifiableCredential')) throw notCredential('its type is not VerifiableCredential');
    if (typeof idOf(c.issuer) !== 'string') throw notCredential('it names no issuer');
    return { credential: c, jwt };
  }

  private async checkProof(credential: Credential, texts: VerificationTexts): Promise<Signed> {
    if (!credential.proof) return { ok: false, message: texts.noProof };
    const documentLoader = this.loader;
    try {
      // Dates and status are checks of their own, so the proof is checked alone (the VC library would
      // also refuse a credential outside its dates): the key, its controller being the issuer, the bytes.
      const result = await jsigs.verify(credential, {
        suite: this.suite,
        purpose: new vc.CredentialIssuancePurpose(),
        documentLoader,
      });
      if (!result.verified) {
        const errors = (result.error as { errors?: unknown[] } | undefined)?.errors ?? [result.error];
        return { ok: false, message: texts.signatureBad(messageOf(errors[0] ?? 'proof rejected')) };
      }
      const method = [credential.proof].flat()[0]?.verificationMethod;
      const key = typeof method === 'string' ? (await documentLoader(method)).document : undefined;
      return { ok: true, message: texts.signatureOk('Data Integrity (eddsa-rdfc-2022)'), key };
    } catch (error) {
      return { ok: false, message: texts.signatureBad(messageOf(error)) };
    }
  }

  private async checkJwt(jwt: string, credential: Credential, texts: VerificationTexts): Promise<Signed> {
    try {
      const header = decodeProtectedHeader(jwt);
      if (!header.kid) return { ok: false, message: texts.signatureBad('the JWT names no key (kid)') };
      const key = (await this.loader(header.kid)).document;
      const jwk = (key.kty ? key : await Ed25519Multikey.toJwk({ keyPair: await Ed25519Multikey.from(key) })) as JWK;
      await compactVerify(jwt, await importJWK(jwk, header.alg));
      const claims = decodeJwt(jwt);
      if (claims.iss !== undefined && claims.iss !== idOf(credential.issuer)) {
        return { ok: false, message: texts.signatureBad('the JWT issuer is not the credential issuer') };
      }
      return { ok: true, message: texts.signatureOk('VC-JWT'), key };
    } catch (error) {
      return { ok: false, message: texts.signatureBad(messageOf(error)) };
    }
  }

  private async checkIssuer(
    credential: Credential,
    signed: Signed,
    ours: boolean,
    texts: VerificationTexts,
  ): Promise<Omit<Check, 'id'>> {
    const issuerId = idOf(credential.issuer)!;
    if (!signed.ok) return { ok: false, message: texts.issuerUnconfirmed('the signature did not check out') };
    // The key's controller, or for a JWK of ours its URL, ties the signature to the issuer.
    const key = signed.key ?? {};
    const keyId = idOf(key) ?? (typeof key.kid === 'string' ? key.kid : undefined);
    const controlled =
      key.controller === issuerId ||
      (keyId !== undefined && (keyId.startsWith(`${issuerId}/`) || keyId.startsWith(`${issuerId}#`)));
    if (!controlled) return { ok: false, message: texts.issuerUnconfirmed("the key is not the issuer's") };
    if (ours) return { ok: true, message: texts.issuerOurs(this.config.ISSUER_NAME) };
    try {
      const profile = (await this.loader(issuerId)).document;
      const name = typeof profile.name === 'string' ? profile.name : (credential.issuer?.name ?? issuerId);
      return { ok: true, message: texts.issuerOther(`${name} (${issuerId})`) };
    } catch (error) {
      return { ok: false, message: texts.issuerUnconfirmed(messageOf(error)) };
    }
  }

  private async checkStatus(
    credential: Credential,
    recorded: string | undefined,
    texts: VerificationTexts,
  ): Promise<Omit<Check, 'id'>> {
    const entries = [credential.credentialStatus].flat().filter(Boolean) as Credential[];
    if (entries.length === 0) {
      if (recorded && recorded !== 'issued' && recorded !== 'expired') {
        return { ok: false, message: texts.statusOurs(recorded) };
      }
      // Many Open Badges carry no status: nothing says they were revoked, and nothing can.
      return { ok: true, message: texts.statusNone };
    }
    const unsupported = entries.find((entry) => entry.type !== 'BitstringStatusListEntry');
    if (unsupported) return { ok: false, message: texts.statusUnsupported(String(unsupported.type)) };
    const result = await checkStatus({
      credential,
      documentLoader: this.loader,
      suite: this.suite,
      verifyBitstringStatusListCredential: true,
      verifyMatchingIssuers: true,
    });
    if (!result.verified) return { ok: false, message: texts.statusUnreachable(messageOf(result.error)) };
    const set = result.results?.find((r) => r.status === true);
    if (set) {
      const purpose = set.credentialStatus?.statusPurpose;
      return { ok: false, message: purpose === 'suspension' ? texts.statusSuspended : texts.statusRevoked };
    }
    return { ok: true, message: texts.statusOk };
  }

  private checkDates(credential: Credential, texts: VerificationTexts, locale: Locale): Omit<Check, 'id'> {
    const from = credential.validFrom ?? credential.issuanceDate;
    const until = credential.validUntil ?? credential.expirationDate ?? null;
    if (typeof from !== 'string' || Number.isNaN(Date.parse(from))) return { ok: false, message: texts.noDates };
    const now = Date.now();
    if (Date.parse(from) > now) return { ok: false, message: texts.expiryNotYet(from, locale) };
    if (typeof until === 'string' && !Number.isNaN(Date.parse(until)) && Date.parse(until) < now) {
      return { ok: false, message: texts.expired(until, locale) };
    }
    return { ok: true, message: texts.expiryOk(from, typeof until === 'string' ? until : null, locale) };
  }

  private checkSchema(credential: Credential, texts: VerificationTexts): Omit<Check, 'id'> {
    const types = typesOf(credential.type);
    if (!types.includes('OpenBadgeCredential') && !types.includes('AchievementCredential')) {
      return { ok: false, message: texts.schemaNotBadge };
    }
    const validate = oneEdTechSchemas().achievementCredential;
    if (validate(credential)) return { ok: true, message: texts.schemaOk };
    const why = (validate.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .join('; ');
    return { ok: false, message: texts.schemaBad(why) };
  }

  /** The certificate behind one of this platform's credentials (`urn:uuid:<certificate id>`). */
  private async ourCertificate(credential: Credential, locale: Locale) {
    const id = /^urn:uuid:([0-9a-f-]{36})$/i.exec(String(credential.id ?? ''))?.[1];
    const record = id ? await this.repository.findById(id) : null;
    if (!record) return undefined;
    return verifiedCertificateView(record, locale);
  }
}
