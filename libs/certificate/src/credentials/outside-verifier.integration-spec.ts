import { Module } from '@nestjs/common';
import { verifyCredential } from '@digitalcredentials/verifier-core';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import {
  createTestDatabase,
  makeMember,
  makeStaff,
  startTestApp,
  TestApp,
  TestDatabase,
  TestUser,
} from '@greenlight/testing';
import { CertificateModule } from '../certificate.module';
import { completionOf, insertPublishedModule } from '../certificate.test-helper';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';
import { oneEdTechSchemas } from './one-edtech-schemas';
import { offlineFetch } from './outside-verifier.test-helper';
import { generateSigningSeed } from './signing-keys';

jest.setTimeout(60_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateModule] })
class OutsideVerifierTestModule {}

type Log = { id: string; valid?: boolean; error?: { name: string; message: string } }[];
interface Outcome {
  errors?: { name: string; message: string }[];
  log?: Log;
  additionalInformation?: { id: string; results: { result: { valid: boolean; errors?: unknown[] } }[] }[];
}

/**
 * The Digital Credentials Consortium's verifier (behind Learner Credential Wallet and VerifierPlus), as
 * shipped, given nothing but the credential: it reaches the platform's URLs through the test app, the
 * JSON-LD contexts from npm packages and 1EdTech's schema, and nothing else (fetch is replaced).
 */
describe("the Digital Credentials Consortium's verifier", () => {
  let db: TestDatabase;
  let t: TestApp;
  let staff: TestUser;
  const realFetch = globalThis.fetch;
  const firstSeed = generateSigningSeed();
  const JWT_SECRET = 'outside-verifier-test-secret-that-is-long-enough';

  async function issue(app: TestApp, validForMonths?: number) {
    const member = await makeMember(app);
    const module = await insertPublishedModule(
      app,
      validForMonths ? { certificate: { enabled: true, cpdHours: 4.5, validForMonths } } : {},
    );
    const result = await app.app
      .get(CertificateIssuingService, { strict: false })
      .issue(completionOf(module, member.user.id));
    if (result.outcome === 'skipped') throw new Error(result.reason);
    return { certificate: result.certificate, credential: result.certificate.credential as Record<string, any> };
  }

  async function outsideVerify(credential: Record<string, unknown>, app = t): Promise<Outcome> {
    globalThis.fetch = offlineFetch(app, realFetch);
    try {
      return (await verifyCredential({ credential: credential as never, knownDIDRegistries: [] })) as Outcome;
    } finally {
      globalThis.fetch = realFetch;
    }
  }

  const step = (outcome: Outcome, id: string) => outcome.log?.find((entry) => entry.id === id);

  function expectVerified(outcome: Outcome) {
    expect(outcome.errors).toBeUndefined();
    expect(step(outcome, 'valid_signature')).toMatchObject({ valid: true });
    expect(step(outcome, 'revocation_status')).toMatchObject({ valid: true });
    expect(step(outcome, 'expiration')).toMatchObject({ valid: true });
    const schema = outcome.additionalInformation?.find((entry) => entry.id === 'schema_check');
    expect(schema?.results[0].result).toEqual({ valid: true });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(() => OutsideVerifierTestModule, {
      db,
      env: { CREDENTIAL_SIGNING_KEY: firstSeed, JWT_SECRET },
    });
    staff = await makeStaff(t);
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await t.close();
    await db.drop();
  });

  it('verifies an issued credential: signature, status, expiry and 1EdTech schema', async () => {
    const { credential } = await issue(t);
    const { achievementCredential } = oneEdTechSchemas();
    expect(achievementCredential(credential)).toBe(true);
    expectVerified(await outsideVerify(credential));
  });

  it('reports a revoked credential as revoked', async () => {
    const { certificate, credential } = await issue(t);
    await t.request('POST', `/api/certificates/${certificate.id}/revoke`, {
      token: staff.token,
      body: { reason: 'Issued in error' },
    });
    const outcome = await outsideVerify(credential);
    expect(step(outcome, 'valid_signature')).toMatchObject({ valid: true });
    expect(step(outcome, 'revocation_status')).toMatchObject({ valid: false });
  });

  it('reports a superseded credential (reissued) as revoked, and its successor as valid', async () => {
    const { certificate, credential } = await issue(t);
    const reissue = await t.request('POST', `/api/certificates/${certificate.id}/reissue`, {
      token: staff.token,
      body: { reason: 'Name corrected' },
    });
    expect(reissue.status).toBe(201);
    expect(step(await outsideVerify(credential), 'revocation_status')).toMatchObject({ valid: false });
    const { rows } = await t.db.pool.query(`SELECT credential FROM certificate.certificates WHERE id = $1`, [
      reissue.body.id,
    ]);
    expectVerified(await outsideVerify(rows[0].credential));
  });

  it('reports an expired credential as expired, its signature still sound', async () => {
    // Completed on 5 March 2026 and valid for one month: long past.
    const { certificate, credential } = await issue(t, 1);
    expect(certificate.validUntil).not.toBeNull();
    expect(new Date(credential.validUntil).getTime()).toBeLessThan(Date.now());
    const outcome = await outsideVerify(credential);
    expect(step(outcome, 'valid_signature')).toMatchObject({ valid: true });
    expect(step(outcome, 'revocation_status')).toMatchObject({ valid: true });
    expect(step(outcome, 'expiration')).toMatchObject({ valid: false });
  });

  it('rejects a tampered credential: the signature is not valid', async () => {
    const { credential } = await issue(t);
    const tampered = structuredClone(credential);
    tampered.credentialSubject.name = 'Someone Else';
    const outcome = await outsideVerify(tampered);
    expect(outcome.errors?.[0]).toMatchObject({ name: 'invalid_signature' });
  });

  it('still verifies credentials signed before a key rotation, and those signed after', async () => {
    const before = await issue(t);
    const oldKey = (await t.request('GET', '/.well-known/jwks.json')).body.keys[0] as { x: string };
    const rotated = await startTestApp(() => OutsideVerifierTestModule, {
      db,
      env: { CREDENTIAL_SIGNING_KEY: generateSigningSeed(), CREDENTIAL_PREVIOUS_KEYS: oldKey.x, JWT_SECRET },
    });
    try {
      const after = await issue(rotated);
      expect(after.credential.proof[0].verificationMethod).not.toBe(before.credential.proof[0].verificationMethod);
      expectVerified(await outsideVerify(before.credential, rotated));
      expectVerified(await outsideVerify(after.credential, rotated));
    } finally {
      await rotated.app.close();
    }
  });
});
