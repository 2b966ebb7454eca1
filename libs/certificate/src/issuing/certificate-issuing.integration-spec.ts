import { createHash } from 'node:crypto';
import { Module } from '@nestjs/common';
import { AuthModule } from '@greenlight/auth';
import { CoreModule } from '@greenlight/common';
import { QueueModule } from '@greenlight/queue';
import { makeMember, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CertificateCoreModule } from '../certificate-core.module';
import { beforeInsert, completionOf, insertPublishedModule } from '../certificate.test-helper';
import { CertificateStorage } from '../storage/certificate-storage';
import { CertificateIssuingService } from './certificate-issuing.service';
import { CertificateRepository } from './certificate.repository';
import { parseSerial } from './serial';

jest.setTimeout(30_000);

@Module({ imports: [CoreModule, QueueModule, AuthModule, CertificateCoreModule] })
class IssuingTestModule {}

describe('issuing a certificate', () => {
  let t: TestApp;
  let issuing: CertificateIssuingService;
  let member: TestUser;

  const count = async (enrolmentId: string) =>
    Number(
      (await t.db.pool.query('SELECT count(*) FROM certificate.certificates WHERE enrolment_id = $1', [enrolmentId]))
        .rows[0].count,
    );

  beforeAll(async () => {
    t = await startTestApp(() => IssuingTestModule);
    issuing = t.app.get(CertificateIssuingService);
    member = await makeMember(t, { name: 'Aiyana Ōkawa-Nîpisîhkopahk', locale: 'fr' });
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('takes a snapshot: holder, module title and version, track, CPD hours, Toronto completion date, serial', async () => {
    const module = await insertPublishedModule(t);
    const completion = completionOf(module, member.user.id, { completedAt: '2026-03-05T02:00:00.000Z' });
    const result = await issuing.issue(completion);
    expect(result.outcome).toBe('issued');
    if (result.outcome === 'skipped') throw new Error('skipped');
    const certificate = result.certificate;
    expect(certificate).toMatchObject({
      enrolmentId: completion.enrolmentId,
      memberId: member.user.id,
      holderName: 'Aiyana Ōkawa-Nîpisîhkopahk',
      locale: 'fr',
      moduleSlug: module.slug,
      moduleVersion: 1,
      moduleTitle: { en: 'Banking for Producers', fr: 'Les banques et les producteurs' },
      track: 'emerging',
      trackTitle: { en: 'New and emerging producers', fr: 'Producteurs émergents' },
      cpdHours: 4.5,
      // 9 pm in Toronto on March 4 is 02:00 UTC on March 5: the certificate says March 4.
      completionDate: '2026-03-04',
      timeZone: 'America/Toronto',
      status: 'issued',
    });
    expect(certificate.completedAt.toISOString()).toBe('2026-03-05T02:00:00.000Z');
    expect(parseSerial(certificate.serial)).toEqual({ ok: true, serial: certificate.serial });
    expect(certificate.serial).toMatch(/^GL-2026-/);
    const pdf = await t.app.get(CertificateStorage).get(certificate.storageKey);
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf!).digest('hex')).toBe(certificate.pdfSha256);

    // The row as stored reads back the same through the entity and through the live-certificate lookup.
    const repository = t.app.get(CertificateRepository);
    const stored = await repository.findById(certificate.id);
    expect(stored).toEqual(certificate);
    expect(await repository.findLiveByEnrolment(completion.enrolmentId)).toEqual(stored);
  });

  it('keeps the snapshot when the member later changes their name', async () => {
    const module = await insertPublishedModule(t);
    const other = await makeMember(t, { name: 'Before Rename' });
    const result = await issuing.issue(completionOf(module, other.user.id));
    await t.db.pool.query('UPDATE auth.users SET name = $1 WHERE id = $2', ['After Rename', other.user.id]);
    const again = await issuing.issue({
      ...completionOf(module, other.user.id),
      enrolmentId: (result as any).certificate.enrolmentId,
    });
    expect(again.outcome).toBe('already-issued');
    expect((again as any).certificate.holderName).toBe('Before Rename');
  });

  it('gives one certificate for duplicate jobs and for 8 concurrent completions of one enrolment', async () => {
    const module = await insertPublishedModule(t);
    const completion = completionOf(module, member.user.id);
    const first = await issuing.issue(completion);
    const second = await issuing.issue(completion);
    expect(second.outcome).toBe('already-issued');
    expect((second as any).certificate.id).toBe((first as any).certificate.id);

    const concurrent = completionOf(module, member.user.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => issuing.issue(concurrent)));
    expect(results.filter((r) => r.outcome === 'issued')).toHaveLength(1);
    expect(new Set(results.map((r) => (r as any).certificate.id)).size).toBe(1);
    expect(await count(concurrent.enrolmentId)).toBe(1);
  });

  it('survives a failure after rendering and before commit: the retry still makes exactly one certificate', async () => {
    const module = await insertPublishedModule(t);
    const completion = completionOf(module, member.user.id);
    let failures = 0;
    beforeInsert(t, () => {
      failures += 1;
      if (failures === 1) throw new Error('worker crashed between rendering and commit');
    });
    await expect(issuing.issue(completion)).rejects.toThrow('worker crashed');
    expect(await count(completion.enrolmentId)).toBe(0);
    const retried = await issuing.issue(completion);
    expect(retried.outcome).toBe('issued');
    expect(await issuing.issue(completion)).toMatchObject({ outcome: 'already-issued' });
    expect(await count(completion.enrolmentId)).toBe(1);
  });

  it('skips, without retrying, completions of unknown members, unknown versions and modules without certificates', async () => {
    const module = await insertPublishedModule(t);
    const noCertificate = await insertPublishedModule(t, { certificate: { enabled: false, cpdHours: 0 } });
    const unknownMember = completionOf(module, '00000000-0000-4000-8000-000000000000');
    expect(await issuing.issue(unknownMember)).toMatchObject({ outcome: 'skipped' });
    expect(await issuing.issue(completionOf(module, member.user.id, { moduleVersion: 9 }))).toMatchObject({
      outcome: 'skipped',
    });
    expect(await issuing.issue(completionOf(noCertificate, member.user.id))).toMatchObject({ outcome: 'skipped' });
  });

  it('renders the same record to the same bytes', async () => {
    const module = await insertPublishedModule(t);
    const result = (await issuing.issue(completionOf(module, member.user.id))) as any;
    const { CertificatePdfRenderer } = await import('../rendering/certificate-pdf.renderer');
    const { printableOf } = await import('../rendering/printable-certificate');
    const renderer = t.app.get(CertificatePdfRenderer);
    const c = result.certificate;
    const again = await renderer.render(printableOf(c));
    expect(again.sha256).toBe(c.pdfSha256);
  });
});
