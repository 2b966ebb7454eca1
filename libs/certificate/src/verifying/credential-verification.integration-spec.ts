import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CertificateModule } from '../certificate.module';
import { completionOf, insertPublishedModule } from '../certificate.test-helper';
import { offlineDocumentLoader } from '../credentials/document-loader';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';

jest.setTimeout(60_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateModule] })
class VerifyCredentialTestModule {}

interface Answer {
  verified: boolean;
  checks: { id: string; ok: boolean; message: string }[];
  certificate?: { serial: string; holderName: string; module: { slug: string; title: string }; status: string };
}

/** An Open Badge from somebody else: a did:key issuer, signed with eddsa-rdfc-2022, no status list. */
async function otherIssuersBadge() {
  const keyPair = await Ed25519Multikey.generate();
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  const signer = await Ed25519Multikey.from({
    ...(await keyPair.export({ publicKey: true, secretKey: true, includeContext: true })),
    id: `${did}#${keyPair.publicKeyMultibase}`,
    controller: did,
  });
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Safe Sets',
    issuer: { id: did, type: ['Profile'], name: 'Other Film Academy' },
    validFrom: '2026-01-15T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://academy.example/badges/safe-sets',
        type: ['Achievement'],
        name: 'Safe Sets',
        description: 'Set safety for producers.',
        criteria: { narrative: 'Completed the course.' },
      },
    },
  };
  const signed = await vc.issue({
    credential,
    suite: new DataIntegrityProof({ signer: signer.signer(), cryptosuite: eddsaRdfc2022 }),
    documentLoader: offlineDocumentLoader(),
  });
  // Well-formed for 1EdTech's schema, which takes the proofs as a list.
  return { ...signed, proof: [signed.proof] };
}

describe('POST /api/verify/credential', () => {
  let t: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    t = await startTestApp(() => VerifyCredentialTestModule);
    staff = await makeStaff(t);
  });
  afterAll(() => t.close());

  async function issue(certificate?: { enabled: boolean; cpdHours: number; validForMonths?: number }) {
    const member = await makeMember(t, { name: 'Émilie Tremblay' });
    const module = await insertPublishedModule(t, certificate ? { certificate } : {});
    const result = await t.app
      .get(CertificateIssuingService, { strict: false })
      .issue(completionOf(module, member.user.id));
    if (result.outcome === 'skipped') throw new Error(result.reason);
    const signed = await t.request('GET', `/api/certificates/${result.certificate.id}/credential`, {
      token: member.token,
    });
    return { certificate: result.certificate, ...(signed.body as { jwt: string; credential: Record<string, any> }) };
  }

  const verify = async (body: unknown, lang = 'en') => {
    const response = await t.request('POST', `/api/verify/credential?lang=${lang}`, { body });
    return response as { status: number; body: Answer & { code?: string; message?: string } };
  };
  const check = (answer: Answer, id: string) => answer.checks.find((c) => c.id === id)!;

  it('passes every check of an issued credential, as JSON, as {jwt} and as the download, with our certificate', async () => {
    const { certificate, credential, jwt } = await issue();
    for (const body of [credential, { jwt }, { jwt, credential }]) {
      const { status, body: answer } = await verify(body);
      expect(status).toBe(200);
      expect(answer.checks.map((c) => c.id)).toEqual(['signature', 'issuer', 'status', 'expiry', 'schema']);
      expect(answer.checks.filter((c) => !c.ok)).toEqual([]);
      expect(answer.verified).toBe(true);
      expect(answer.certificate).toEqual({
        serial: certificate.serial,
        holderName: 'Émilie Tremblay',
        module: { slug: certificate.moduleSlug, title: 'Banking for Producers' },
        status: 'issued',
      });
    }
    expect(check((await verify({ jwt })).body, 'signature').message).toContain('VC-JWT');
  });

  it('says it in French when asked', async () => {
    const { credential } = await issue();
    const { body } = await verify(credential, 'fr');
    expect(check(body, 'signature').message).toMatch(/^La signature Data Integrity .* est valide/);
    expect(check(body, 'status').message).toMatch(/^Non révoquée/);
    expect(body.certificate?.module.title).toBe('Les banques et les producteurs');
  });

  it('reports a revoked credential, both forms', async () => {
    const { certificate, credential, jwt } = await issue();
    await t.request('POST', `/api/certificates/${certificate.id}/revoke`, {
      token: staff.token,
      body: { reason: 'Issued in error' },
    });
    for (const body of [credential, { jwt }]) {
      const { body: answer } = await verify(body);
      expect(answer.verified).toBe(false);
      expect(check(answer, 'signature').ok).toBe(true);
      expect(check(answer, 'status')).toMatchObject({ ok: false, message: expect.stringMatching(/^Revoked/) });
      expect(answer.certificate?.status).toBe('revoked');
    }
  });

  it('reports an expired credential', async () => {
    const { credential } = await issue({ enabled: true, cpdHours: 2, validForMonths: 1 });
    const { body } = await verify(credential);
    expect(body.verified).toBe(false);
    expect(check(body, 'expiry')).toMatchObject({ ok: false, message: expect.stringMatching(/^Expired on /) });
    expect(check(body, 'signature')).toMatchObject({ ok: true });
  });

  it('fails the signature of a tampered credential or JWT, and shows no certificate', async () => {
    const { credential, jwt } = await issue();
    const tampered = structuredClone(credential);
    tampered.credentialSubject.name = 'Someone Else';
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.credentialSubject.name = 'Someone Else';
    const tamperedJwt = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    for (const body of [tampered, { jwt: tamperedJwt }]) {
      const { status, body: answer } = await verify(body);
      expect(status).toBe(200);
      expect(answer.verified).toBe(false);
      expect(check(answer, 'signature').ok).toBe(false);
      expect(check(answer, 'issuer').ok).toBe(false);
      expect(answer.certificate).toBeUndefined();
    }
  });

  it("verifies another issuer's Open Badge (did:key), and finds its tampering too", async () => {
    const badge = await otherIssuersBadge();
    const { body } = await verify(badge);
    expect(body.checks.filter((c) => !c.ok)).toEqual([]);
    expect(body.verified).toBe(true);
    expect(check(body, 'issuer').message).toContain('Other Film Academy');
    expect(body.certificate).toBeUndefined();
    const tampered = { ...badge, name: 'Unsafe Sets' };
    expect(check((await verify(tampered)).body, 'signature').ok).toBe(false);
  });

  it('answers 400, never 500, for what is not a credential', async () => {
    for (const body of [
      {},
      { jwt: 'not.a.jwt' },
      { jwt: 42 },
      { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['Something'] },
      { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'VerifiableCredential' },
      [1, 2],
      'a string',
      null,
    ]) {
      const { status, body: answer } = await verify(body);
      expect([status, body]).toEqual([400, body]);
      expect(answer.message).toBeTruthy();
    }
  });
});
