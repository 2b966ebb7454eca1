import { Module } from '@nestjs/common';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeMember, startTestApp, TestApp } from '@greenlight/testing';
import { AuthModule } from '../auth.module';

@Module({ imports: [CoreModule, QueueModule, AuthModule] })
class AuthTestModule {}

/** The test client stands in for the one proxy TRUST_PROXY=1 trusts: X-Forwarded-For names the client. */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('the sign-in slow-down', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(() => AuthTestModule, { env: { TRUST_PROXY: '1' } });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip: string) =>
    t.request('POST', '/api/auth/login', { body: { email, password }, headers: from(ip) });

  it('lets exactly five of 25 parallel wrong guesses through, and slows the other 20', async () => {
    const member = await makeMember(t);
    const statuses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => login(member.user.email, `wrong guess ${i}`, '198.51.100.1')),
    );
    const counts = statuses.reduce<Record<number, number>>(
      (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({ 401: 5, 429: 20 });
    const slowed = statuses.find((r) => r.status === 429)!;
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
    // Even the right password waits, from that address.
    expect((await login(member.user.email, member.password, '198.51.100.1')).status).toBe(429);
  });

  it('does not lock the owner out from their own address while someone guesses from another', async () => {
    const member = await makeMember(t);
    for (let i = 0; i < 8; i++) await login(member.user.email, `attacker guess ${i}`, '203.0.113.9');
    expect((await login(member.user.email, 'still guessing', '203.0.113.9')).status).toBe(429);
    const owner = await login(member.user.email, member.password, '192.0.2.44');
    expect(owner.status).toBe(200);
  });

  it('answers an unknown address exactly as a known one, failure after failure', async () => {
    const member = await makeMember(t);
    const answers = async (email: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await login(email, `nope ${i}`, '198.51.100.7');
        seen.push(`${res.status} ${res.body.code} ${res.body.message.replace(/\d+ seconds/, 'N seconds')}`);
      }
      return seen;
    };
    const known = await answers(member.user.email);
    const unknown = await answers('nobody-at-all@example.org');
    expect(unknown).toEqual(known);
    expect(known[4]).toMatch(/^401 INVALID_CREDENTIALS/);
    expect(known[5]).toMatch(/^429 ACCOUNT_SLOWED_DOWN/);
  });

  it('waits 30 s after the fifth failure, then doubles, and a success starts the count again', async () => {
    const member = await makeMember(t);
    const ip = '198.51.100.20';
    for (let i = 0; i < 5; i++) expect((await login(member.user.email, `wrong ${i}`, ip)).status).toBe(401);
    const first = await login(member.user.email, member.password, ip);
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBe(30);

    const rewind = () =>
      t.db.pool.query(
        `UPDATE auth.login_throttle SET blocked_until = now() - interval '1 second' WHERE email = lower($1) AND client_ip = $2`,
        [member.user.email, ip],
      );
    await rewind();
    expect((await login(member.user.email, 'wrong again', ip)).status).toBe(401);
    const second = await login(member.user.email, member.password, ip);
    expect(Number(second.headers.get('retry-after'))).toBe(60);

    await rewind();
    expect((await login(member.user.email, member.password, ip)).status).toBe(200);
    expect((await login(member.user.email, 'one slip', ip)).status).toBe(401);
    expect((await login(member.user.email, member.password, ip)).status).toBe(200);
  });
});
