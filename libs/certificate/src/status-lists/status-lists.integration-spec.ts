import { Module } from '@nestjs/common';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeMember, makeStaff, SpareRedis, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CertificateModule } from '../certificate.module';
import { completionOf, insertPublishedModule } from '../certificate.test-helper';
import { offlineLoader } from '../credentials/outside-verifier.test-helper';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';
import { STATUS_LIST_LENGTH } from './status-list-entry';

jest.setTimeout(60_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateModule] })
class StatusListTestModule {}

interface Entry {
  id: string;
  type: string;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

describe('revocation status lists', () => {
  let redis: SpareRedis;
  let redisUp = false;
  let t: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    redis = await SpareRedis.start();
    redisUp = true;
    t = await startTestApp(() => StatusListTestModule, { env: { REDIS_URL: redis.url } });
    staff = await makeStaff(t);
  });
  afterAll(async () => {
    if (!redisUp) await redis.start();
    await t.close();
    await redis.stop();
  });

  async function issue() {
    const member = await makeMember(t);
    const module = await insertPublishedModule(t);
    const result = await t.app
      .get(CertificateIssuingService, { strict: false })
      .issue(completionOf(module, member.user.id));
    if (result.outcome === 'skipped') throw new Error(result.reason);
    const credential = result.certificate.credential as { credentialStatus: Entry };
    return { certificate: result.certificate, entry: credential.credentialStatus };
  }

  /** The published list as any verifier gets it: over HTTP, its signature checked, the bit read. */
  async function publishedBit(entry: Entry): Promise<boolean> {
    const response = await t.request('GET', new URL(entry.statusListCredential).pathname);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const list = response.body as { type: string[]; credentialSubject: { encodedList: string; statusPurpose: string } };
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.credentialSubject.statusPurpose).toBe('revocation');
    const verified = await vc.verifyCredential({
      credential: list,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: offlineLoader(t),
    });
    expect(verified.error).toBeUndefined();
    const bits = await decodeList({ encodedList: list.credentialSubject.encodedList });
    expect(bits.length).toBe(STATUS_LIST_LENGTH);
    return bits.getStatus(Number(entry.statusListIndex));
  }

  it('gives each credential a revocation entry in a list the platform serves, signed', async () => {
    const { entry } = await issue();
    expect(entry).toEqual({
      id: `${entry.statusListCredential}#${entry.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: expect.stringMatching(/^\d+$/),
      statusListCredential: `${t.config.PUBLIC_URL}/api/status-lists/0`,
    });
    expect(await publishedBit(entry)).toBe(false);
    expect((await t.request('GET', '/api/status-lists/999')).status).toBe(404);
  });

  it('sets the bit when a certificate is revoked, and when one is superseded by a reissue, leaving others clear', async () => {
    const revoked = await issue();
    const reissued = await issue();
    const untouched = await issue();
    const revoke = await t.request('POST', `/api/certificates/${revoked.certificate.id}/revoke`, {
      token: staff.token,
      body: { reason: 'Issued in error' },
    });
    expect(revoke.status).toBe(200);
    const reissue = await t.request('POST', `/api/certificates/${reissued.certificate.id}/reissue`, {
      token: staff.token,
      body: { reason: 'Name corrected' },
    });
    expect(reissue.status).toBe(201);
    const successor = (
      await t.db.pool.query(`SELECT credential FROM certificate.certificates WHERE id = $1`, [reissue.body.id])
    ).rows[0].credential as { credentialStatus: Entry };

    expect(await publishedBit(revoked.entry)).toBe(true);
    expect(await publishedBit(reissued.entry)).toBe(true);
    expect(await publishedBit(untouched.entry)).toBe(false);
    expect(successor.credentialStatus.statusListIndex).not.toBe(reissued.entry.statusListIndex);
    expect(await publishedBit(successor.credentialStatus)).toBe(false);
  });

  it("sets the bit with Redis down: the list is written in the revocation's own transaction", async () => {
    const { certificate, entry } = await issue();
    await redis.stop();
    redisUp = false;
    try {
      const revoke = await t.request('POST', `/api/certificates/${certificate.id}/revoke`, {
        token: staff.token,
        body: { reason: 'Revoked during an outage' },
      });
      expect(revoke.status).toBe(200);
      expect(await publishedBit(entry)).toBe(true);
    } finally {
      await redis.start();
      redisUp = true;
    }
  });

  it('never gives two credentials the same position, even issued concurrently', async () => {
    const issued = await Promise.all(Array.from({ length: 12 }, () => issue()));
    const positions = issued.map((i) => `${i.entry.statusListCredential}#${i.entry.statusListIndex}`);
    expect(new Set(positions).size).toBe(12);
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT status_list_position)::int AS distinct FROM certificate.certificates`,
    );
    expect(rows[0].n).toBe(rows[0].distinct);
    // Revoking one of them touches its bit alone.
    await t.request('POST', `/api/certificates/${issued[3].certificate.id}/revoke`, {
      token: staff.token,
      body: { reason: 'Only this one' },
    });
    const bits = await Promise.all(issued.map((i) => publishedBit(i.entry)));
    expect(bits.filter(Boolean)).toHaveLength(1);
    expect(bits[3]).toBe(true);
  });
});
