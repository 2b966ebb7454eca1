import { createHash, createPublicKey, randomUUID, verify as cryptoVerify } from 'node:crypto';
import { Module } from '@nestjs/common';
import jsonld from 'jsonld';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { createTestDatabase, makeMember, startTestApp, TestApp, TestDatabase, TestUser } from '@greenlight/testing';
import { CertificateModule } from '../certificate.module';
import { completionOf, insertPublishedModule } from '../certificate.test-helper';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';
import { offlineDocumentLoader } from './document-loader';
import { oneEdTechSchemas } from './one-edtech-schemas';
import { offlineLoader } from './outside-verifier.test-helper';
import { generateSigningSeed } from './signing-keys';

jest.setTimeout(30_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateModule] })
class CredentialTestModule {}

interface Jwks {
  keys: { kid: string; x: string; kty: string; crv: string }[];
}

/**
 * A verifier that knows only the credential: it resolves the key, its controller (the issuer profile)
 * and the status list at the URLs the credential names, served by `app`, with contexts from npm.
 */
async function verifyDataIntegrity(credential: Record<string, unknown>, app: TestApp) {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const documentLoader = offlineLoader(app);
  return vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    checkStatus: (options: Record<string, unknown>) => checkStatus({ ...options, suite, documentLoader }),
  });
}

function expectSchemaValid(credential: Record<string, unknown>) {
  const { achievementCredential } = oneEdTechSchemas();
  expect(achievementCredential(credential) ? [] : achievementCredential.errors).toEqual([]);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text: string): Buffer {
  let value = 0n;
  for (const char of text) value = value * 58n + BigInt(BASE58.indexOf(char));
  const hex = value.toString(16);
  const body = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  const zeros = text.length - text.replace(/^1+/, '').length;
  return Buffer.concat([Buffer.alloc(zeros), body]);
}

/**
 * eddsa-rdfc-2022 by hand, without the Digital Bazaar libraries: canonicalise the proof options and
 * the document with RDFC-1.0 (jsonld), hash both, and check the Ed25519 signature with node:crypto.
 */
async function verifyByHand(credential: Record<string, any>, jwk: Jwks['keys'][number]): Promise<boolean> {
  const { proof, ...document } = credential;
  const { proofValue, ...options } = proof[0];
  const loader = offlineDocumentLoader();
  const canonize = (input: Record<string, unknown>) =>
    jsonld.canonize(input, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader: loader,
      safe: true,
    });
  const sha = (text: string) => createHash('sha256').update(text).digest();
  const data = Buffer.concat([
    sha(await canonize({ ...options, '@context': document['@context'] })),
    sha(await canonize(document)),
  ]);
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  return cryptoVerify(null, data, key, base58Decode(proofValue.slice(1)));
}

const unit = (position: number, en: string, fr: string, tracks: string[] = []) => ({
  id: randomUUID(),
  key: `unit-${position}`,
  position,
  title: { en, fr },
  tracks,
  items: [],
});
const UNITS = [
  unit(2, 'Talking to your bank', 'Parler à sa banque'),
  unit(1, 'Cash flow basics', 'Les bases de la trésorerie'),
  unit(3, 'Only for veterans', 'Seulement pour les vétérans', ['veteran']),
];

describe('Open Badges 3.0 credentials', () => {
  let db: TestDatabase;
  let t: TestApp;
  let member: TestUser;
  const firstSeed = generateSigningSeed();
  // Both apps must accept the member's session: they share the JWT secret, as replicas would.
  const JWT_SECRET = 'credential-test-secret-that-is-long-enough-000';

  async function issue(app: TestApp) {
    const module = await insertPublishedModule(app, { units: UNITS });
    const result = await app.app
      .get(CertificateIssuingService, { strict: false })
      .issue(completionOf(module, member.user.id));
    if (result.outcome === 'skipped') throw new Error(result.reason);
    const response = await app.request('GET', `/api/certificates/${result.certificate.id}/credential`, {
      token: member.token,
    });
    expect(response.status).toBe(200);
    const signed = response.body as { jwt: string; credential: Record<string, any> };
    expectSchemaValid(signed.credential);
    return { certificate: result.certificate, ...signed };
  }

  const jwksOf = async (app: TestApp): Promise<Jwks> => (await app.request('GET', '/.well-known/jwks.json')).body;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(() => CredentialTestModule, { db, env: { CREDENTIAL_SIGNING_KEY: firstSeed, JWT_SECRET } });
    member = await makeMember(t, { name: 'Nîpisîhkopahk Ōkawa' });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('is an OpenBadgeCredential with the VC 2.0 and OB 3.0 contexts, issuer profile, achievement and hashed email', async () => {
    const { credential, certificate } = await issue(t);
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ]);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.issuer).toMatchObject({ type: ['Profile'], name: t.config.ISSUER_NAME });
    expect(credential.validFrom).toBe(certificate.issuedAt.toISOString().replace('.000Z', 'Z'));
    const subject = credential.credentialSubject;
    expect(subject.name).toBe('Nîpisîhkopahk Ōkawa');
    expect(subject.achievement).toMatchObject({
      type: ['Achievement'],
      name: 'Banking for Producers',
      creditsAvailable: 4.5,
      criteria: { narrative: expect.stringContaining('Banking for Producers') },
    });
    expect(subject.identifier[0]).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(subject.identifier[0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(JSON.stringify(credential)).not.toContain(member.user.email);
  });

  it('verifies as a VC-JWT (EdDSA) against the published JWKS, and a tampered one fails', async () => {
    const { jwt, certificate } = await issue(t);
    const jwks = createLocalJWKSet(await jwksOf(t));
    const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { algorithms: ['EdDSA'] });
    // OB 3.0 §8.2: typ JWT, no cty, a kid that is a URL answering the JWK, sub and the registered claims.
    expect(protectedHeader).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: expect.stringMatching(/^http.*\/jwk$/) });
    const credential = (({ iss: _iss, sub: _sub, jti: _jti, nbf: _nbf, iat: _iat, ...rest }) => rest)(payload);
    expectSchemaValid(credential);
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      jti: `urn:uuid:${certificate.id}`,
      iss: payload.issuer && (payload.issuer as { id: string }).id,
      sub: (payload.credentialSubject as { identifier: { identityHash: string }[] }).identifier[0].identityHash,
    });
    const kidUrl = new URL(protectedHeader.kid!);
    const jwk = await t.request('GET', kidUrl.pathname);
    expect(jwk.status).toBe(200);
    await expect(jwtVerify(jwt, await importJWK(jwk.body, 'EdDSA'))).resolves.toBeDefined();

    const [header, body, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    claims.credentialSubject.name = 'Someone Else';
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    await expect(jwtVerify(tampered, jwks, { algorithms: ['EdDSA'] })).rejects.toThrow(/signature/);

    const asJwt = await fetch(`${t.url}/api/certificates/${certificate.id}/credential`, {
      headers: { authorization: `Bearer ${member.token}`, accept: 'application/vc+jwt' },
    });
    expect(asJwt.headers.get('content-type')).toContain('application/vc+jwt');
    expect(await asJwt.text()).toBe(jwt);
  });

  it('verifies its eddsa-rdfc-2022 Data Integrity proof offline with @digitalbazaar/vc, and a tampered one fails', async () => {
    const { credential } = await issue(t);
    expect(credential.proof).toEqual([
      expect.objectContaining({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }),
    ]);
    const result = await verifyDataIntegrity(credential, t);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);

    const tampered = structuredClone(credential);
    tampered.credentialSubject.achievement.creditsAvailable = 40;
    expect((await verifyDataIntegrity(tampered, t)).verified).toBe(false);
  });

  it('carries a proof that an independent RDFC-1.0 + Ed25519 check accepts, and rejects when tampered', async () => {
    const { credential } = await issue(t);
    const [key] = (await jwksOf(t)).keys;
    expect(`${credential.proof[0].verificationMethod}/jwk`).toBe(key.kid);
    expect(await verifyByHand(credential, key)).toBe(true);
    const tampered = structuredClone(credential);
    tampered.credentialSubject.name = 'Someone Else';
    expect(await verifyByHand(tampered, key)).toBe(false);
  });

  it("answers an OB 3.0 Profile at issuer.id, valid against 1EdTech's schema, that lists every key", async () => {
    const { credential } = await issue(t);
    const profile = await t.request('GET', new URL(credential.issuer.id).pathname);
    expect(profile.status).toBe(200);
    const { profile: profileSchema } = oneEdTechSchemas();
    expect(profileSchema(profile.body) ? [] : profileSchema.errors).toEqual([]);
    expect(profile.body).toMatchObject({
      id: credential.issuer.id,
      type: ['Profile'],
      name: t.config.ISSUER_NAME,
      url: t.config.PUBLIC_URL,
      email: expect.stringContaining('@'),
      image: { id: expect.stringMatching(/\/api\/issuer\/image$/), type: 'Image' },
    });
    const image = await t.request('GET', new URL(profile.body.image.id).pathname);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toContain('image/');

    const jwks = await jwksOf(t);
    expect(profile.body.assertionMethod.map((id: string) => `${id}/jwk`)).toEqual(jwks.keys.map((k) => k.kid));
    expect(profile.body.assertionMethod).toContain(credential.proof[0].verificationMethod);
  });

  it('answers the Multikey itself at each verificationMethod URL (not the issuer document)', async () => {
    const { credential } = await issue(t);
    const method = credential.proof[0].verificationMethod as string;
    const key = await t.request('GET', new URL(method).pathname);
    expect(key.status).toBe(200);
    expect(key.body).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: method,
      type: 'Multikey',
      controller: credential.issuer.id,
      publicKeyMultibase: expect.stringMatching(/^z6Mk/),
    });
    expect((await t.request('GET', '/api/issuer/keys/not-a-key')).status).toBe(404);
  });

  it("names a generated badge image per module in the holder's language, and the units in the criteria", async () => {
    const { credential } = await issue(t);
    const achievement = credential.credentialSubject.achievement;
    expect(credential.inLanguage).toBe('en');
    expect(achievement.image).toMatchObject({ type: 'Image', id: expect.stringContaining('/api/badges/') });
    const svg = await t.request('GET', new URL(achievement.image.id).pathname + new URL(achievement.image.id).search);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.text).toContain('Banking for Producers');
    const french = await t.request('GET', new URL(achievement.image.id).pathname + '?lang=fr');
    expect(french.text).toContain('Les banques et les producteurs');
    expect(french.text).toContain('CERTIFICAT');
    expect(achievement.criteria.narrative).toContain('Cash flow basics; Talking to your bank.');
    expect(achievement.criteria.narrative).not.toContain('Only for veterans');
    expect(achievement.description).toContain('Banking for Producers');
  });

  it('still verifies credentials signed before a key rotation', async () => {
    const before = await issue(t);
    const oldKey = (await jwksOf(t)).keys[0];
    const rotated = await startTestApp(() => CredentialTestModule, {
      db,
      env: { CREDENTIAL_SIGNING_KEY: generateSigningSeed(), CREDENTIAL_PREVIOUS_KEYS: oldKey.x, JWT_SECRET },
    });
    try {
      const jwks = await jwksOf(rotated);
      expect(jwks.keys).toHaveLength(2);
      expect(jwks.keys[1].kid).toBe(oldKey.kid);
      const after = await issue(rotated);
      expect(decodeProtectedHeader(after.jwt).kid).not.toBe(oldKey.kid);

      const keySet = createLocalJWKSet(jwks);
      for (const signed of [before, after]) {
        await expect(jwtVerify(signed.jwt, keySet, { algorithms: ['EdDSA'] })).resolves.toBeDefined();
        const result = await verifyDataIntegrity(signed.credential, rotated);
        expect(result.error).toBeUndefined();
        expect(result.verified).toBe(true);
      }
    } finally {
      await rotated.app.close();
    }
  });
});
