import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeMember, SpareRedis, startTestApp, TestApp } from '@greenlight/testing';
import { CertificateModule } from '../certificate.module';
import { completionOf, insertPublishedModule } from '../certificate.test-helper';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';
import { checkCharacter } from '../issuing/serial';
import { clientKey } from './verify-rate-limiter';

jest.setTimeout(60_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateModule] })
class VerifyRateTestModule {}

const LIMIT = 5;

/** The limit counts per minute: start a run of requests early in one, so it cannot straddle two. */
async function freshMinute(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 50));
}

describe('verifying serials, rate-limited per client', () => {
  let t: TestApp;
  let serial: string;

  /** The test client stands in for the one proxy TRUST_PROXY=1 trusts: X-Forwarded-For names the client. */
  const verifyAs = (forwardedFor: string, path = serial) =>
    t.request('GET', `/api/verify/${path}`, { headers: { 'x-forwarded-for': forwardedFor } });

  beforeAll(async () => {
    t = await startTestApp(() => VerifyRateTestModule, {
      env: { VERIFY_RATE_LIMIT: String(LIMIT), TRUST_PROXY: '1' },
    });
    const issuing = t.app.get(CertificateIssuingService, { strict: false });
    const member = await makeMember(t, { name: 'Grace Hopper' });
    const result = await issuing.issue(completionOf(await insertPublishedModule(t), member.user.id));
    if (result.outcome === 'skipped') throw new Error(result.reason);
    serial = result.certificate.serial;
  });
  afterAll(() => t.close());

  it('answers a person’s checks, typos and unknown serials included, then 429 with a clear body and Retry-After', async () => {
    await freshMinute();
    const client = '203.0.113.7';
    const last = serial.slice(-1);
    const typo = serial.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    const answers = [
      await verifyAs(client),
      await verifyAs(client, typo),
      await verifyAs(client, 'GL-2026-0000-0000-0000'),
      await verifyAs(client),
      await verifyAs(client),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 404, 404, 200, 200]);

    const refused = await verifyAs(client);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'TOO_MANY_VERIFICATIONS',
      retryAfter,
      limit: LIMIT,
    });
    expect(refused.body.message).toContain(`at most ${LIMIT} a minute`);
    expect(refused.text).not.toContain('Grace Hopper');

    // A forged X-Forwarded-For entry in front of the proxy's does not make a new client.
    expect((await verifyAs(`198.51.100.99, ${client}`)).status).toBe(429);
    // Another client is not held back.
    expect((await verifyAs('203.0.113.8')).status).toBe(200);
  });

  it('counts an IPv6 client by its /64, so a host cannot rotate through its own addresses', async () => {
    await freshMinute();
    for (let i = 1; i <= LIMIT; i++) expect((await verifyAs(`2001:db8:7:9::${i.toString(16)}`)).status).toBe(200);
    expect((await verifyAs('2001:db8:7:9:abcd:1234:5678:9')).status).toBe(429);
    expect((await verifyAs('2001:db8:7:a::1')).status).toBe(200);
  });

  it('counts pasted credentials (POST /api/verify/credential) against the same allowance', async () => {
    await freshMinute();
    const client = '198.51.100.20';
    const paste = () =>
      t.request('POST', '/api/verify/credential', { headers: { 'x-forwarded-for': client }, body: { hello: 1 } });
    for (let i = 0; i < LIMIT - 1; i++) expect((await verifyAs(client)).status).toBe(200);
    expect((await paste()).status).toBe(400);
    const refused = await paste();
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_VERIFICATIONS', limit: LIMIT });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('still verifies a serial of the first, shorter format', async () => {
    await freshMinute();
    const body = '7K3Q9XP';
    const legacy = `GL-2026-${body.slice(0, 4)}-${body.slice(4)}${checkCharacter(`2026${body}`)}`;
    await t.db.pool.query(`UPDATE certificate.certificates SET serial = $1 WHERE serial = $2`, [legacy, serial]);
    try {
      const answer = await verifyAs('192.0.2.44', legacy.toLowerCase());
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ valid: true, serial: legacy, holderName: 'Grace Hopper' });
    } finally {
      await t.db.pool.query(`UPDATE certificate.certificates SET serial = $1 WHERE serial = $2`, [serial, legacy]);
    }
  });
});

describe('the verification rate limit without Redis', () => {
  let redis: SpareRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await SpareRedis.start();
    t = await startTestApp(() => VerifyRateTestModule, { env: { REDIS_URL: redis.url, VERIFY_RATE_LIMIT: '1' } });
  });
  afterAll(async () => {
    await redis.start().catch(() => undefined);
    await t.close();
    await redis.stop();
  });

  it('lets checks through while Redis is down rather than failing verification', async () => {
    await freshMinute();
    expect((await t.request('GET', '/api/verify/GL-2026-0000-0000-0000')).status).toBe(404);
    expect((await t.request('GET', '/api/verify/GL-2026-0000-0000-0000')).status).toBe(429);
    await redis.stop();
    const answers = await Promise.all([1, 2, 3].map(() => t.request('GET', '/api/verify/GL-2026-0000-0000-0000')));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
  });
});

describe('whom a check is counted against', () => {
  it('is the IPv4 address, also when it arrives IPv4-mapped', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    expect(clientKey('2001:db8:7:9::1')).toBe('2001:db8:7:9::/64');
    expect(clientKey('2001:0DB8:0007:0009:abcd:1234:5678:9')).toBe('2001:db8:7:9::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });
});
