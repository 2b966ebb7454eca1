import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CertificateModule } from '../certificate.module';
import { completionOf, insertPublishedModule } from '../certificate.test-helper';
import { CertificateIssuingService } from '../issuing/certificate-issuing.service';
import { pdfText } from '../pdf-text.test-helper';

jest.setTimeout(30_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateModule] })
class CertificateHttpTestModule {}

describe('the certificate routes', () => {
  let t: TestApp;
  let holder: TestUser;
  let stranger: TestUser;
  let staff: TestUser;
  let issuing: CertificateIssuingService;

  async function issueFor(member: TestUser, overrides: Parameters<typeof insertPublishedModule>[1] = {}) {
    const module = await insertPublishedModule(t, overrides);
    const result = await issuing.issue(completionOf(module, member.user.id));
    if (result.outcome === 'skipped') throw new Error(result.reason);
    return { module, certificate: result.certificate };
  }

  const binary = async (path: string, token?: string) => {
    const response = await fetch(t.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    t = await startTestApp(() => CertificateHttpTestModule);
    issuing = t.app.get(CertificateIssuingService, { strict: false });
    holder = await makeMember(t, { name: 'Aiyana Ōkawa-Nîpisîhkopahk', locale: 'fr' });
    stranger = await makeMember(t);
    staff = await makeStaff(t);
  });
  afterAll(() => t.close());

  it('lists the holder’s own certificates in the API shape', async () => {
    const { module, certificate } = await issueFor(holder);
    const response = await t.request('GET', '/api/me/certificates?lang=en', { token: holder.token });
    expect(response.status).toBe(200);
    const listed = response.body.find((c: { id: string }) => c.id === certificate.id);
    expect(listed).toMatchObject({
      id: certificate.id,
      serial: certificate.serial,
      status: 'issued',
      holderName: 'Aiyana Ōkawa-Nîpisîhkopahk',
      module: { slug: module.slug, title: 'Banking for Producers', version: 1 },
      track: 'emerging',
      cpdHours: 4.5,
      completionDate: '2026-03-04',
      pdfSha256: certificate.pdfSha256,
      verifyUrl: `${t.config.PUBLIC_URL}/verify/${certificate.serial}`,
      pdfUrl: `${t.config.PUBLIC_URL}/api/certificates/${certificate.id}/pdf`,
    });
    expect(listed.completedAt).toBe('2026-03-05T02:00:00.000Z');
    expect((await t.request('GET', '/api/me/certificates', { token: stranger.token })).body).toEqual([]);
    expect((await t.request('GET', '/api/me/certificates')).status).toBe(401);
  });

  it('shows a certificate, its PDF and its credential to the holder and staff, and 404 to anyone else', async () => {
    const { certificate } = await issueFor(holder);
    for (const suffix of ['', '/pdf', '/credential']) {
      const path = `/api/certificates/${certificate.id}${suffix}`;
      expect((await binary(path, holder.token)).status).toBe(200);
      expect((await binary(path, staff.token)).status).toBe(200);
      expect((await binary(path, stranger.token)).status).toBe(404);
      expect((await binary(path)).status).toBe(401);
    }
    expect((await t.request('GET', '/api/certificates/not-a-uuid', { token: staff.token })).status).toBe(400);
    expect(
      (await t.request('GET', '/api/certificates/00000000-0000-4000-8000-000000000000', { token: staff.token })).status,
    ).toBe(404);
  });

  it('serves a PDF whose text shows the name with its diacritics, the serial and the French wording', async () => {
    const { certificate } = await issueFor(holder);
    const pdf = await binary(`/api/certificates/${certificate.id}/pdf`, holder.token);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${certificate.serial}.pdf"`);
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('Aiyana Ōkawa-Nîpisîhkopahk');
    expect(text).toContain(certificate.serial);
    expect(text).toContain('Certificat de réussite');
    expect(text).toContain('Les banques et les producteurs');
    expect(text).toContain('4 mars 2026');
  });

  it('lets staff list certificates filtered by module and status, and not members', async () => {
    const { module, certificate } = await issueFor(holder);
    const byModule = await t.request('GET', `/api/certificates?module=${module.slug}`, { token: staff.token });
    expect(byModule.status).toBe(200);
    expect(byModule.body.total).toBe(1);
    expect(byModule.body.items[0].id).toBe(certificate.id);
    const revoked = await t.request('GET', `/api/certificates?module=${module.slug}&status=revoked`, {
      token: staff.token,
    });
    expect(revoked.body).toMatchObject({ items: [], total: 0 });
    expect((await t.request('GET', '/api/certificates', { token: holder.token })).status).toBe(403);
    expect((await t.request('GET', '/api/certificates?status=lost', { token: staff.token })).status).toBe(400);
  });

  it('verifies a serial publicly with the name, module and dates only', async () => {
    const { module, certificate } = await issueFor(holder);
    const response = await t.request('GET', `/api/verify/${certificate.serial}?lang=en`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      valid: true,
      status: 'issued',
      serial: certificate.serial,
      holderName: 'Aiyana Ōkawa-Nîpisîhkopahk',
      module: { slug: module.slug, title: 'Banking for Producers' },
      completedAt: '2026-03-05T02:00:00.000Z',
      issuedAt: certificate.issuedAt.toISOString(),
      issuer: { name: t.config.ISSUER_NAME },
      pdfSha256: certificate.pdfSha256,
    });
    expect(response.text).not.toContain(holder.user.email);
    expect(response.text).not.toContain(holder.user.id);
    expect(JSON.stringify(response.body)).not.toMatch(/email|memberId|revocationReason/);
    // Typed in lower case with spaces, it is still found.
    expect((await t.request('GET', `/api/verify/${certificate.serial.toLowerCase()}`)).status).toBe(200);
  });

  it('answers 404 for unknown serials, and says when the check character shows a typo', async () => {
    const { certificate } = await issueFor(holder);
    const last = certificate.serial.slice(-1);
    const typo = certificate.serial.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    const mistyped = await t.request('GET', `/api/verify/${typo}`);
    expect(mistyped.status).toBe(404);
    expect(mistyped.body.code).toBe('CERTIFICATE_SERIAL_MISTYPED');
    expect((await t.request('GET', '/api/verify/GL-2026-ZZZZ-ZZZZ')).status).toBe(404);
    expect((await t.request('GET', '/api/verify/nothing')).status).toBe(404);
  });

  it('lets staff revoke with a reason: recorded in the audit log, and verify then says revoked', async () => {
    const { certificate } = await issueFor(holder);
    const path = `/api/certificates/${certificate.id}/revoke`;
    expect((await t.request('POST', path, { token: holder.token, body: { reason: 'I want to' } })).status).toBe(403);
    expect((await t.request('POST', path, { token: staff.token, body: {} })).status).toBe(400);
    const revoked = await t.request('POST', path, {
      token: staff.token,
      body: { reason: 'Completed by someone else' },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      id: certificate.id,
      status: 'revoked',
      revocationReason: 'Completed by someone else',
    });
    expect((await t.request('POST', path, { token: staff.token, body: { reason: 'again' } })).status).toBe(422);

    const verify = await t.request('GET', `/api/verify/${certificate.serial}`);
    expect(verify.body).toMatchObject({ valid: false, status: 'revoked' });
    const audit = await t.db.pool.query(
      `SELECT actor_id, reason FROM auth.audit_entries WHERE action = 'certificate.revoke' AND subject_id = $1`,
      [certificate.id],
    );
    expect(audit.rows).toEqual([{ actor_id: staff.user.id, reason: 'Completed by someone else' }]);
  });

  it('reissues with a new serial and the corrected name; the old one is superseded, and both are audited', async () => {
    const member = await makeMember(t, { name: 'Jon Okawa' });
    const { certificate } = await issueFor(member);
    await t.request('PATCH', '/api/auth/me', { token: member.token, body: { name: 'Jon Ōkawa' } });
    const path = `/api/certificates/${certificate.id}/reissue`;
    expect((await t.request('POST', path, { token: member.token })).status).toBe(403);
    const reissued = await t.request('POST', path, { token: staff.token, body: { reason: 'Name corrected' } });
    expect(reissued.status).toBe(201);
    expect(reissued.body).toMatchObject({ status: 'issued', holderName: 'Jon Ōkawa', replacesId: certificate.id });
    expect(reissued.body.serial).not.toBe(certificate.serial);
    expect(reissued.body.completionDate).toBe('2026-03-04');

    const old = await t.request('GET', `/api/certificates/${certificate.id}`, { token: member.token });
    expect(old.body.status).toBe('superseded');
    expect((await t.request('GET', `/api/verify/${certificate.serial}`)).body).toMatchObject({
      valid: false,
      status: 'superseded',
      supersededBy: reissued.body.serial,
    });
    expect((await t.request('GET', `/api/verify/${reissued.body.serial}`)).body).toMatchObject({
      valid: true,
      holderName: 'Jon Ōkawa',
    });
    expect((await t.request('POST', path, { token: staff.token })).status).toBe(422);
    const audit = await t.db.pool.query(
      `SELECT details->>'newSerial' AS serial FROM auth.audit_entries WHERE action = 'certificate.reissue' AND subject_id = $1`,
      [certificate.id],
    );
    expect(audit.rows).toEqual([{ serial: reissued.body.serial }]);
  });

  it('gives the member a transcript of held certificates with CPD hours and the total, as CSV and PDF', async () => {
    const member = await makeMember(t, { name: 'Transcript Holder' });
    const first = await issueFor(member, { certificate: { enabled: true, cpdHours: 4.5 } });
    await issueFor(member, { certificate: { enabled: true, cpdHours: 2 } });
    const revoked = await issueFor(member, { certificate: { enabled: true, cpdHours: 10 } });
    await issuing.revoke(revoked.certificate.id, staff.user.id, 'mistake');

    const csv = await t.request('GET', '/api/me/transcript?format=csv', { token: member.token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('module,track,completed_on,cpd_hours,serial,verify_url');
    expect(lines).toHaveLength(4);
    expect(lines.filter((line) => line.includes(first.certificate.serial))).toHaveLength(1);
    expect(csv.text).not.toContain(revoked.certificate.serial);
    expect(lines[3]).toBe('TOTAL,,,6.5,,');

    const pdf = await binary('/api/me/transcript?format=pdf', member.token);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('Transcript Holder');
    expect(text).toContain(first.certificate.serial);
    expect(text).toContain('6.5');
    expect((await t.request('GET', '/api/me/transcript?format=xml', { token: member.token })).status).toBe(400);
  });
});
