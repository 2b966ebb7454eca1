import { randomUUID } from 'node:crypto';
import { CertificateForEnrolmentPayload, JobName, JobProducer } from '@greenlight/queue';
import { makeMember, makeStaff, startTestApp, TestApp } from '@greenlight/testing';
import { oneLessonModule, ProgressTestModule, publish, until } from '../testing/progress-fixtures';
import { EnrolmentCertificateProcessor } from './enrolment-certificate.processor';

jest.setTimeout(30_000);

describe('certificate facts from the certificate service', () => {
  let t: TestApp;
  let enrolmentId: string;

  beforeAll(async () => {
    t = await startTestApp(() => ProgressTestModule, { env: { OUTBOX_RELAY: 'false' } });
    const staff = await makeStaff(t);
    const document = oneLessonModule();
    await publish(t, staff, document);
    const member = await makeMember(t);
    enrolmentId = (
      await t.request('POST', `/api/modules/${document.slug}/enrolments`, { token: member.token, body: {} })
    ).body.id;
  });
  afterAll(() => t.close());

  const heldRows = async () =>
    (
      await t.db.pool.query(
        `SELECT certificate_id, serial, status FROM progress.enrolment_certificates WHERE enrolment_id = $1`,
        [enrolmentId],
      )
    ).rows;

  const fact = (overrides: Partial<CertificateForEnrolmentPayload>): CertificateForEnrolmentPayload => ({
    enrolmentId,
    certificateId: randomUUID(),
    serial: 'GL-2026-AAAA-BBBB',
    status: 'issued',
    changedAt: new Date().toISOString(),
    ...overrides,
  });
  const run = (data: CertificateForEnrolmentPayload) =>
    t.app.get(EnrolmentCertificateProcessor).process({
      name: JobName.RecordCertificateForEnrolment,
      id: `test-${data.certificateId}`,
      data,
      attemptsMade: 0,
    });

  it('records a fact sent through the progress-events queue', async () => {
    const issued = fact({ changedAt: '2026-01-01T10:00:00.000Z' });
    await t.app.get(JobProducer).add(JobName.RecordCertificateForEnrolment, issued);
    const rows = await until(heldRows, (found) => found.length === 1);
    expect(rows[0]).toEqual({ certificate_id: issued.certificateId, serial: issued.serial, status: 'issued' });
  });

  it('keeps one row when a job runs twice, and ignores an older fact arriving late', async () => {
    const revoked = fact({ status: 'revoked', serial: 'GL-2026-CCCC-DDDD', changedAt: '2026-02-01T10:00:00.000Z' });
    await run(revoked);
    await run(revoked);
    await run(fact({ status: 'issued', serial: 'GL-2026-OLD0-0000', changedAt: '2026-01-15T10:00:00.000Z' }));
    expect(await heldRows()).toEqual([
      { certificate_id: revoked.certificateId, serial: revoked.serial, status: 'revoked' },
    ]);
  });

  it('lets a reissue replace the old certificate, whatever order the two facts arrive in', async () => {
    const replacement = fact({ serial: 'GL-2026-NEW1-1111', changedAt: '2026-03-01T10:00:00.000Z' });
    await run(replacement);
    await run(fact({ status: 'superseded', serial: 'GL-2026-CCCC-DDDD', changedAt: '2026-03-01T10:00:01.000Z' }));
    expect(await heldRows()).toEqual([
      { certificate_id: replacement.certificateId, serial: 'GL-2026-NEW1-1111', status: 'issued' },
    ]);
  });

  it('takes the successor of a reissue stamped at the same instant as the superseded fact', async () => {
    const held = await t.db.pool.query(
      `SELECT certificate_id FROM progress.enrolment_certificates WHERE enrolment_id = $1`,
      [enrolmentId],
    );
    const at = '2026-04-01T10:00:00.000Z';
    await run(fact({ certificateId: held.rows[0].certificate_id, status: 'superseded', changedAt: at }));
    const successor = fact({ serial: 'GL-2026-SAME-TIME', changedAt: at });
    await run(successor);
    await run(fact({ certificateId: held.rows[0].certificate_id, status: 'superseded', changedAt: at }));
    expect(await heldRows()).toEqual([
      { certificate_id: successor.certificateId, serial: 'GL-2026-SAME-TIME', status: 'issued' },
    ]);
  });

  it('skips a fact about an enrolment it does not have, without failing the job', async () => {
    await expect(run(fact({ enrolmentId: randomUUID() }))).resolves.toBeUndefined();
  });
});
