import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { Module } from '@nestjs/common';
import jsonld from 'jsonld';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { createTestDatabase, makeMember, startTestApp, TestApp, TestDatabase, TestUser } from '@greenlight/testing';
import { CertificateModule } from '../certificate.module';
import { completionOf, insertPublishedModule } from '../certificate.test-helper';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';
import { offlineDocumentLoader } from './document-loader';
import { generateSigningSeed } from './signing-keys';

jest.setTimeout(30_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateModule] })
class CredentialTestModule {}

interface Jwks {
  keys: { kid: string; x: string; kty: string; crv: string }[];
}

/**
 * A verifier that knows only what the issuer publishes (its JWKS and issuer URL) and the contexts
 * bundled from npm: it builds the controller document itself and never goes to the network.
 */
async function verifyDataIntegrity(credential: Record<string, unknown>, issuerId: string, jwks: Jwks) {
  const documents: Record<string, Record<string, unknown>> = {
    [issuerId]: {
      '@context': 'https://w3id.org/security/v2',
      id: issuerId,
      assertionMethod: jwks.keys.map((key) => `${issuerId}#${key.kid}`),
    },
  };
  for (const key of jwks.keys) {
    const id = `${issuerId}#${key.kid}`;
    const multikey = await Ed25519Multikey.fromJwk({ jwk: key, id, controller: issuerId });
    documents[id] = {
      '@context': 'https://w3id.org/security/multikey/v1',
      id,
      type: 'Multikey',
      controller: issuerId,
      publicKeyMultibase: multikey.publicKeyMultibase,
    };
  }
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader: offlineDocumentLoader(documents),
  });
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
  const { proofValue, ...options } = proof;
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

describe('Open Badges 3.0 credentials', () => {
  let db: TestDatabase;
  let t: TestApp;
  let member: TestUser;
  const firstSeed = generateSigningSeed();
  // Both apps must accept the member's session: they share the JWT secret, as replicas would.
  const JWT_SECRET = 'credential-test-secret-that-is-long-enough-000';

  async function issue(app: TestApp) {
    const module = await insertPublishedModule(app);
    const result = await app.app
      .get(CertificateIssuingService, { strict: false })
      .issue(completionOf(module, member.user.id));
    if (result.outcome === 'skipped') throw new Error(result.reason);
    const response = await app.request('GET', `/api/certificates/${result.certificate.id}/credential`, {
      token: member.token,
    });
    expect(response.status).toBe(200);
    return { certificate: result.certificate, ...(response.body as { jwt: string; credential: Record<string, any> }) };
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
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      jti: `urn:uuid:${certificate.id}`,
    });

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
    expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    const issuerId = credential.issuer.id as string;
    const jwks = await jwksOf(t);
    const result = await verifyDataIntegrity(credential, issuerId, jwks);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);

    const tampered = structuredClone(credential);
    tampered.credentialSubject.achievement.creditsAvailable = 40;
    expect((await verifyDataIntegrity(tampered, issuerId, jwks)).verified).toBe(false);
  });

  it('carries a proof that an independent RDFC-1.0 + Ed25519 check accepts, and rejects when tampered', async () => {
    const { credential } = await issue(t);
    const [key] = (await jwksOf(t)).keys;
    expect(credential.proof.verificationMethod).toBe(`${credential.issuer.id}#${key.kid}`);
    expect(await verifyByHand(credential, key)).toBe(true);
    const tampered = structuredClone(credential);
    tampered.credentialSubject.name = 'Someone Else';
    expect(await verifyByHand(tampered, key)).toBe(false);
  });

  it('publishes the keys in the issuer profile too', async () => {
    const profile = await t.request('GET', '/api/issuer');
    const jwks = await jwksOf(t);
    expect(profile.status).toBe(200);
    expect(profile.body.assertionMethod).toEqual(jwks.keys.map((k) => `${profile.body.id}#${k.kid}`));
    expect(profile.body.verificationMethod[0]).toMatchObject({ type: 'Multikey', controller: profile.body.id });
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
        expect((await verifyDataIntegrity(signed.credential, signed.credential.issuer.id, jwks)).verified).toBe(true);
      }
    } finally {
      await rotated.app.close();
    }
  });
});
