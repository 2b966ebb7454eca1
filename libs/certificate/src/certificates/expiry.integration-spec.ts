import { Module } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CertificateModule } from '../certificate.module';
import { completionOf, insertPublishedModule } from '../certificate.test-helper';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';

jest.setTimeout(30_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateModule] })
class ExpiryTestModule {}

describe('certificates that expire', () => {
  let t: TestApp;
  let holder: TestUser;
  let staff: TestUser;
  let issuing: CertificateIssuingService;

  /** Completed at 9 pm in Toronto on 4 March 2026 (02:00 UTC on the 5th), as the other certificate tests. */
  async function issueValidFor(validForMonths: number | undefined, completedAt = '2026-03-05T02:00:00.000Z') {
    const module = await insertPublishedModule(t, {
      certificate: { enabled: true, cpdHours: 3, ...(validForMonths ? { validForMonths } : {}) },
    });
    const result = await issuing.issue(completionOf(module, holder.user.id, { completedAt }));
    if (result.outcome === 'skipped') throw new Error(result.reason);
    return { module, certificate: result.certificate };
  }

  beforeAll(async () => {
    t = await startTestApp(() => ExpiryTestModule);
    issuing = t.app.get(CertificateIssuingService, { strict: false });
    holder = await makeMember(t, { name: 'Rosalind Expiry' });
    staff = await makeStaff(t);
  });
  afterAll(() => t.close());

  it('carries validUntil, the completion day that many months on, on the certificate and in both credentials', async () => {
    const { certificate } = await issueValidFor(36);
    const view = await t.request('GET', `/api/certificates/${certificate.id}`, { token: holder.token });
    expect(view.body).toMatchObject({ validUntil: '2029-03-05T02:00:00.000Z', expired: false });

    const { body } = await t.request('GET', `/api/certificates/${certificate.id}/credential`, { token: holder.token });
    expect(body.credential.validUntil).toBe('2029-03-05T02:00:00Z');
    expect(decodeJwt(body.jwt).validUntil).toBe('2029-03-05T02:00:00Z');

    const verify = await t.request('GET', `/api/verify/${certificate.serial}`);
    expect(verify.body).toMatchObject({
      valid: true,
      status: 'issued',
      validUntil: '2029-03-05T02:00:00.000Z',
      expired: false,
    });
  });

  it('never expires when the module sets no validity: validUntil is null and the credential has none', async () => {
    const { certificate } = await issueValidFor(undefined);
    const view = await t.request('GET', `/api/certificates/${certificate.id}`, { token: holder.token });
    expect(view.body).toMatchObject({ validUntil: null, expired: false });
    const { body } = await t.request('GET', `/api/certificates/${certificate.id}/credential`, { token: holder.token });
    expect(body.credential).not.toHaveProperty('validUntil');
    expect((await t.request('GET', `/api/verify/${certificate.serial}`)).body).toMatchObject({
      valid: true,
      validUntil: null,
      expired: false,
    });
  });

  it('verifies as expired once validUntil has passed; revoked still wins', async () => {
    const { certificate } = await issueValidFor(1, '2025-01-15T17:00:00.000Z');
    expect((await t.request('GET', `/api/verify/${certificate.serial}`)).body).toMatchObject({
      valid: false,
      status: 'expired',
      validUntil: '2025-02-15T17:00:00.000Z',
      expired: true,
    });
    const view = await t.request('GET', `/api/certificates/${certificate.id}`, { token: holder.token });
    expect(view.body).toMatchObject({ status: 'issued', expired: true });

    await issuing.revoke(certificate.id, staff.user.id, 'issued in error');
    expect((await t.request('GET', `/api/verify/${certificate.serial}`)).body).toMatchObject({
      valid: false,
      status: 'revoked',
      expired: true,
    });
  });

  it('lets staff list the issued certificates of a module expiring within N days, soonest first', async () => {
    const module = await insertPublishedModule(t, { certificate: { enabled: true, cpdHours: 1, validForMonths: 12 } });
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const issueCompleted = async (completedAt: string) => {
      const result = await issuing.issue(completionOf(module, holder.user.id, { completedAt }));
      if (result.outcome === 'skipped') throw new Error(result.reason);
      return result.certificate;
    };
    const inAboutTwentyDays = await issueCompleted(daysAgo(345));
    const inAboutFiveDays = await issueCompleted(daysAgo(360));
    const inAboutEightMonths = await issueCompleted(daysAgo(120));
    const expired = await issueCompleted(daysAgo(400));
    const revoked = await issueCompleted(daysAgo(350));
    await issuing.revoke(revoked.id, staff.user.id, 'issued in error');

    const path = `/api/certificates?module=${module.slug}&expiringWithinDays=30`;
    const soon = await t.request('GET', path, { token: staff.token });
    expect(soon.status).toBe(200);
    expect(soon.body.total).toBe(2);
    expect(soon.body.items.map((c: { id: string }) => c.id)).toEqual([inAboutFiveDays.id, inAboutTwentyDays.id]);
    expect(soon.body.items[0]).toMatchObject({ status: 'issued', expired: false });

    const year = await t.request('GET', `/api/certificates?module=${module.slug}&expiringWithinDays=365`, {
      token: staff.token,
    });
    expect(year.body.items.map((c: { id: string }) => c.id)).toEqual([
      inAboutFiveDays.id,
      inAboutTwentyDays.id,
      inAboutEightMonths.id,
    ]);
    expect(year.body.items.map((c: { id: string }) => c.id)).not.toContain(expired.id);
    expect((await t.request('GET', path, { token: holder.token })).status).toBe(403);
    expect((await t.request('GET', `/api/certificates?expiringWithinDays=soon`, { token: staff.token })).status).toBe(
      400,
    );
  });

  it('keeps the validity on reissue: same completion, same end', async () => {
    const { certificate } = await issueValidFor(24);
    const reissued = await issuing.reissue(certificate.id, staff.user.id, 'name corrected');
    expect(reissued.validUntil).toEqual(certificate.validUntil);
    expect(reissued.credential).toMatchObject({ validUntil: '2028-03-05T02:00:00Z' });
  });
});
