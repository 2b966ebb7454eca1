import { MailCatcher, makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { CertificateIssuingService } from '@greenlight/certificate';
import { PlatformModule } from '../apps/platform/src/platform.module';
import { StatusListService } from '../libs/certificate/src/status-lists/status-list.service';
import { ReminderRuleService } from '../libs/progress/src/reminders/reminder-rule.service';
import { itemOf, oneLessonModule, publish, until } from '../libs/progress/src/testing/progress-fixtures';

jest.setTimeout(120_000);

const DAY = 24 * 3600 * 1000;

interface Certificate {
  id: string;
  serial: string;
  status: string;
  validUntil: string | null;
  replacesId: string | null;
  module: { slug: string };
}

/** Issue 15, points 5 and 7: renewing an expiring certificate, and the deadline members see. */
describe('renewing a certificate', () => {
  let catcher: MailCatcher;
  let t: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    catcher = await MailCatcher.start();
    t = await startTestApp((config) => PlatformModule.register(config), {
      env: { RUN_WORKER: 'true', OUTBOX_POLL_MS: '200', SMTP_URL: catcher.url, MESSAGES_POLL_MS: '200' },
    });
    staff = await makeStaff(t);
  });
  afterAll(async () => {
    await t.close();
    await catcher.close();
  });

  const enrol = (slug: string, member: TestUser, body: Record<string, unknown> = {}) =>
    t.request('POST', `/api/modules/${slug}/enrolments`, { token: member.token, body });
  const certificatesOf = (member: TestUser) =>
    t.request('GET', '/api/me/certificates', { token: member.token }).then((r) => r.body as Certificate[]);
  const fact = (enrolmentId: string) =>
    t.db.pool
      .query(
        `SELECT status, valid_until AS "validUntil" FROM progress.enrolment_certificates WHERE enrolment_id = $1`,
        [enrolmentId],
      )
      .then((r) => r.rows[0] as { status: string; validUntil: Date | null } | undefined);

  /** A one-lesson module whose certificates are valid this many months (none: they never expire). */
  async function certificateModule(validForMonths?: number, overrides: Record<string, unknown> = {}) {
    const document = oneLessonModule({
      certificate: { enabled: true, cpdHours: 2, ...(validForMonths ? { validForMonths } : {}) },
      ...overrides,
    });
    const module = await publish(t, staff, document);
    return { document, module, lessonId: itemOf(module, 'u1', 'read').id };
  }

  /** Enrols, completes the lesson and waits for the certificate, and for progress to have heard of it. */
  async function certify(slug: string, lessonId: string, member: TestUser, count = 1) {
    const enrolment = await enrol(slug, member);
    expect(enrolment.status).toBe(201);
    const done = await t.request('POST', `/api/enrolments/${enrolment.body.id}/items/${lessonId}/complete`, {
      token: member.token,
    });
    expect(done.body.status).toBe('completed');
    const certificates = await until(
      () => certificatesOf(member),
      (found) => found.filter((c) => c.module.slug === slug).length === count,
    );
    await until(
      () => fact(enrolment.body.id),
      (held) => held?.status === 'issued',
    );
    return {
      enrolmentId: enrolment.body.id as string,
      certificate: certificates.find((c) => c.module.slug === slug)!,
    };
  }

  /** Moves a certificate's end, in the certificate service and in what progress was told of it. */
  async function endsIn(enrolmentId: string, certificateId: string, ms: number) {
    const at = new Date(Date.now() + ms);
    await t.db.pool.query(`UPDATE certificate.certificates SET valid_until = $2 WHERE id = $1`, [certificateId, at]);
    await t.db.pool.query(`UPDATE progress.enrolment_certificates SET valid_until = $2 WHERE enrolment_id = $1`, [
      enrolmentId,
      at,
    ]);
  }

  it('starts a renewal on the current version, whose certificate supersedes the old one when issued', async () => {
    const { document, module, lessonId } = await certificateModule(1);
    const member = await makeMember(t, { name: 'Renée Renewal' });
    const first = await certify(module.slug, lessonId, member);
    // Valid one month: inside the 90-day window from the day it was issued.
    expect(Date.parse(first.certificate.validUntil!) - Date.now()).toBeLessThan(32 * DAY);
    expect((await fact(first.enrolmentId))?.validUntil).toEqual(new Date(first.certificate.validUntil!));
    const mine = await t.request('GET', '/api/me/enrolments', { token: member.token });
    expect(mine.body).toEqual([expect.objectContaining({ id: first.enrolmentId, renewable: true, current: true })]);

    // Staff publish a second version; the renewal is on it.
    await t.request('PUT', `/api/modules/${document.slug}`, {
      token: staff.token,
      body: { ...document, summary: 'Second edition.' },
    });
    const v2 = await t.request('POST', `/api/modules/${document.slug}/publish`, { token: staff.token });
    expect(v2.body.version).toBe(2);

    const renewal = await enrol(module.slug, member);
    expect(renewal.status).toBe(201);
    expect(renewal.body).toMatchObject({
      renewalOf: first.enrolmentId,
      current: true,
      renewable: false,
      status: 'in_progress',
      module: { slug: module.slug, version: 2 },
      progress: { completedItems: 0 },
    });
    expect(renewal.body.id).not.toBe(first.enrolmentId);
    // Asking again is the same renewal; the renewed enrolment stays, completed, as history.
    const again = await enrol(module.slug, member);
    expect(again).toMatchObject({ status: 200, body: { id: renewal.body.id } });
    const old = await t.request('GET', `/api/enrolments/${first.enrolmentId}`, { token: member.token });
    expect(old.body).toMatchObject({ status: 'completed', current: false, renewable: false, renewalOf: null });
    expect(
      (await t.request('GET', '/api/me/enrolments', { token: member.token })).body.map((e: { id: string }) => e.id),
    ).toEqual([renewal.body.id, first.enrolmentId]);
    // Until the new certificate is issued, the old one stands.
    expect((await t.request('GET', `/api/verify/${first.certificate.serial}`)).body).toMatchObject({
      valid: true,
      status: 'issued',
    });

    await t.request('POST', `/api/enrolments/${renewal.body.id}/items/${lessonId}/complete`, { token: member.token });
    const both = await until(
      () => certificatesOf(member),
      (found) => found.length === 2 && found.some((c) => c.status === 'superseded'),
    );
    const renewed = both.find((c) => c.status === 'issued')!;
    expect(renewed).toMatchObject({ replacesId: first.certificate.id, module: { slug: module.slug } });
    expect(renewed.serial).not.toBe(first.certificate.serial);
    expect(both.find((c) => c.id === first.certificate.id)).toMatchObject({ status: 'superseded' });

    const verifyOld = await t.request('GET', `/api/verify/${first.certificate.serial}`);
    expect(verifyOld.body).toMatchObject({ valid: false, status: 'superseded', supersededBy: renewed.serial });
    expect((await t.request('GET', `/api/verify/${renewed.serial}`)).body).toMatchObject({
      valid: true,
      status: 'issued',
    });
    // The superseded credential's bit is set in the published status list, as a reissue's is.
    const positions = await t.db.pool.query(
      `SELECT id, status_list_position::float8 AS position FROM certificate.certificates WHERE id = ANY($1::uuid[])`,
      [[first.certificate.id, renewed.id]],
    );
    const statusLists = t.app.get(StatusListService, { strict: false });
    const positionOf = (id: string) => positions.rows.find((row) => row.id === id).position as number;
    expect(await statusLists.isRevoked(positionOf(first.certificate.id))).toBe(true);
    expect(await statusLists.isRevoked(positionOf(renewed.id))).toBe(false);
    // Progress hears of both: the old enrolment's certificate superseded, the renewal's issued.
    await until(
      () => fact(first.enrolmentId),
      (held) => held?.status === 'superseded',
    );
    expect((await fact(renewal.body.id))?.status).toBe('issued');
  });

  it('answers 200 with the current enrolment when there is nothing to renew', async () => {
    const member = await makeMember(t);
    // A certificate valid a year ends well after the 90-day window opens.
    const year = await certificateModule(12);
    const held = await certify(year.module.slug, year.lessonId, member);
    const again = await enrol(year.module.slug, member);
    expect(again).toMatchObject({ status: 200, body: { id: held.enrolmentId, renewable: false, renewalOf: null } });

    // A certificate that never expires is never renewed.
    const forever = await certificateModule();
    const kept = await certify(forever.module.slug, forever.lessonId, member);
    expect(await enrol(forever.module.slug, member)).toMatchObject({ status: 200, body: { id: kept.enrolmentId } });

    // Still in progress: the enrolment it has.
    const unfinished = await certificateModule(1);
    const started = await enrol(unfinished.module.slug, member);
    expect(await enrol(unfinished.module.slug, member)).toMatchObject({ status: 200, body: { id: started.body.id } });

    // A revoked certificate is not renewed either.
    const revokedModule = await certificateModule(1);
    const revoked = await certify(revokedModule.module.slug, revokedModule.lessonId, member);
    const revoking = await t.request('POST', `/api/certificates/${revoked.certificate.id}/revoke`, {
      token: staff.token,
      body: { reason: 'Issued in error' },
    });
    expect(revoking.status).toBe(200);
    // The certificate service tells progress through its outbox and the queue: on a busy CI machine (two test
    // workers, one of them driving Chromium) that took longer than the default 15 s once.
    await until(
      () => fact(revoked.enrolmentId),
      (f) => f?.status === 'revoked',
      45_000,
    );
    expect(await enrol(revokedModule.module.slug, member)).toMatchObject({
      status: 200,
      body: { id: revoked.enrolmentId, renewable: false },
    });
    const enrolments = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM progress.enrolments WHERE member_id = $1`,
      [member.user.id],
    );
    expect(enrolments.rows[0].n).toBe(4);
  });

  it('opens the renewal 90 days before the certificate ends, and keeps it open once it has ended', async () => {
    const { module, lessonId } = await certificateModule(12);
    const member = await makeMember(t);
    const held = await certify(module.slug, lessonId, member);

    await endsIn(held.enrolmentId, held.certificate.id, 90 * DAY + 60_000);
    expect(await enrol(module.slug, member)).toMatchObject({ status: 200, body: { id: held.enrolmentId } });
    await endsIn(held.enrolmentId, held.certificate.id, 90 * DAY - 60_000);
    const mine = await t.request('GET', '/api/me/enrolments', { token: member.token });
    expect(mine.body[0]).toMatchObject({ id: held.enrolmentId, renewable: true });

    const expired = await makeMember(t);
    const old = await certify(module.slug, lessonId, expired);
    await endsIn(old.enrolmentId, old.certificate.id, -30 * DAY);
    expect(
      (await t.request('GET', `/api/certificates/${old.certificate.id}`, { token: expired.token })).body,
    ).toMatchObject({ expired: true });
    const renewal = await enrol(module.slug, expired);
    expect(renewal).toMatchObject({ status: 201, body: { renewalOf: old.enrolmentId } });
  });

  it('starts one renewal for two requests at once, and issues its certificate once however often asked', async () => {
    const { module, lessonId } = await certificateModule(1);
    const member = await makeMember(t);
    const first = await certify(module.slug, lessonId, member);
    const [a, b] = await Promise.all([enrol(module.slug, member), enrol(module.slug, member)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body.renewalOf).toBe(first.enrolmentId);

    const done = await t.request('POST', `/api/enrolments/${a.body.id}/items/${lessonId}/complete`, {
      token: member.token,
    });
    await until(
      () => fact(a.body.id),
      (f) => f?.status === 'issued',
    );
    // The same completion again (a retried job, the sweep): the certificate it has, nothing superseded twice.
    const issuing = t.app.get(CertificateIssuingService, { strict: false });
    const repeat = await issuing.issue({
      enrolmentId: a.body.id,
      memberId: member.user.id,
      moduleId: module.id,
      moduleSlug: module.slug,
      moduleVersion: module.version,
      track: null,
      completedAt: done.body.completedAt,
      renewalOf: first.enrolmentId,
    });
    expect(repeat.outcome).toBe('already-issued');
    const statuses = (await certificatesOf(member)).map((c) => c.status).sort();
    expect(statuses).toEqual(['issued', 'superseded']);
  });

  it('counts renewals apart in the module report, the overview and the member list', async () => {
    const { module, lessonId } = await certificateModule(1);
    const renewing = await makeMember(t, { name: 'Aaron Renewing' });
    const other = await makeMember(t, { name: 'Zoe Once' });
    const first = await certify(module.slug, lessonId, renewing);
    await certify(module.slug, lessonId, other);
    const report = () => t.request('GET', `/api/reports/modules/${module.slug}`, { token: staff.token });
    expect((await report()).body).toMatchObject({ enrolled: 2, completed: 2, inProgress: 0, renewals: 0 });

    const renewal = await enrol(module.slug, renewing);
    expect(renewal.status).toBe(201);
    expect((await report()).body).toMatchObject({
      enrolled: 2,
      inProgress: 1,
      completed: 1,
      completionRate: 0.5,
      renewals: 1,
      renewalsInProgress: 1,
      renewalsCompleted: 0,
    });
    const list = await t.request('GET', `/api/reports/modules/${module.slug}/members`, { token: staff.token });
    expect(list.body.total).toBe(2);
    // One row per member, in enrolment order: the renewal is the newer enrolment.
    expect(list.body.items).toEqual([
      expect.objectContaining({ name: 'Zoe Once', status: 'completed', renewalOf: null }),
      expect.objectContaining({ name: 'Aaron Renewing', status: 'in_progress', renewalOf: first.enrolmentId }),
    ]);
    const completedOnly = await t.request('GET', `/api/reports/modules/${module.slug}/members?status=completed`, {
      token: staff.token,
    });
    expect(completedOnly.body.items.map((row: { name: string }) => row.name)).toEqual(['Zoe Once']);

    await t.request('POST', `/api/enrolments/${renewal.body.id}/items/${lessonId}/complete`, { token: renewing.token });
    expect((await report()).body).toMatchObject({
      enrolled: 2,
      completed: 2,
      inProgress: 0,
      renewals: 1,
      renewalsInProgress: 0,
      renewalsCompleted: 1,
    });
    const overview = await t.request('GET', '/api/reports/modules', { token: staff.token });
    expect(overview.body.find((row: { slug: string }) => row.slug === module.slug)).toMatchObject({
      enrolled: 2,
      completed: 2,
      renewals: 1,
      renewalsCompleted: 1,
    });
  });

  it('refuses a renewal once the module has closed, and shows members in progress the deadline', async () => {
    const closesAt = new Date(Date.now() + 10 * DAY).toISOString();
    const { document, module, lessonId } = await certificateModule(1, { closesAt });
    const member = await makeMember(t);
    const held = await certify(module.slug, lessonId, member);
    const learner = await makeMember(t);
    const started = await enrol(module.slug, learner);
    expect(started.body.module.closesAt).toBe(closesAt);

    await t.request('PUT', `/api/modules/${document.slug}`, {
      token: staff.token,
      body: { ...document, closesAt: '2021-01-01T00:00:00.000Z' },
    });
    await t.request('POST', `/api/modules/${document.slug}/publish`, { token: staff.token });
    const late = await enrol(module.slug, member);
    expect(late.status).toBe(422);
    expect(late.body.message).toMatch(/closed/i);
    const newcomer = await makeMember(t);
    expect((await enrol(module.slug, newcomer)).status).toBe(422);
    // The member carries on with what they hold; no renewal was started.
    const mine = await t.request('GET', '/api/me/enrolments', { token: member.token });
    expect(mine.body.map((e: { id: string }) => e.id)).toEqual([held.enrolmentId]);
  });

  it('reminds members whose certificate ends within N days once, and no longer once they have renewed', async () => {
    const { module, lessonId } = await certificateModule(12);
    const due = await makeMember(t, { name: 'Dana Due', locale: 'fr' });
    const later = await makeMember(t, { name: 'Luc Later' });
    const renewed = await makeMember(t, { name: 'Rita Renewed' });
    const dueHeld = await certify(module.slug, lessonId, due);
    const laterHeld = await certify(module.slug, lessonId, later);
    const renewedHeld = await certify(module.slug, lessonId, renewed);
    await endsIn(dueHeld.enrolmentId, dueHeld.certificate.id, 20 * DAY);
    await endsIn(laterHeld.enrolmentId, laterHeld.certificate.id, 60 * DAY);
    await endsIn(renewedHeld.enrolmentId, renewedHeld.certificate.id, 20 * DAY);

    // Rita renews before the rule runs: her new certificate supersedes the one that ends.
    const renewal = await enrol(module.slug, renewed);
    expect(renewal.status).toBe(201);
    await t.request('POST', `/api/enrolments/${renewal.body.id}/items/${lessonId}/complete`, { token: renewed.token });
    await until(
      () => fact(renewedHeld.enrolmentId),
      (f) => f?.status === 'superseded',
    );

    const put = await t.request('PUT', `/api/modules/${module.slug}/reminder-rules`, {
      token: staff.token,
      body: [
        {
          key: 'expiring',
          kind: 'before-expiry',
          days: 30,
          subject: { en: 'Your certificate ends soon, {{name}}', fr: 'Votre certificat expire bientôt, {{name}}' },
          body: { en: 'Renew {{module}}: {{link}}', fr: 'Renouvelez {{module}} : {{link}}' },
          enabled: true,
        },
      ],
    });
    expect(put.status).toBe(200);
    const rules = t.app.get(ReminderRuleService, { strict: false });
    const [outcome] = await rules.run(module.slug);
    expect(outcome).toMatchObject({ rule: 'expiring', queued: 1 });
    expect(await rules.run(module.slug)).toEqual([expect.objectContaining({ queued: 0, skipped: 1 })]);

    const reminders = (email: string) =>
      catcher.to(email).filter((m) => /ends soon|expire bientôt/.test(m.subject ?? ''));
    await until(
      async () => reminders(due.user.email).length,
      (n) => n === 1,
    );
    expect(reminders(due.user.email)[0]!.subject).toBe('Votre certificat expire bientôt, Dana Due');
    expect(reminders(later.user.email)).toHaveLength(0);
    expect(reminders(renewed.user.email)).toHaveLength(0);
  });
});
