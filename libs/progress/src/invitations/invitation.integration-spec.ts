import { Module } from '@nestjs/common';
import { MessagesWorkerModule } from '@greenlight/messages';
import { MailCatcher, makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { moduleDocument, ModuleRead, oneLessonModule, ProgressTestModule, publish } from '../testing/progress-fixtures';

jest.setTimeout(60_000);

@Module({ imports: [ProgressTestModule, MessagesWorkerModule] })
class InvitationTestModule {}

describe('invitations', () => {
  let catcher: MailCatcher;
  let t: TestApp;
  let staff: TestUser;
  let module: ModuleRead;

  const invite = (body: unknown, token = staff.token, slug = module.slug) =>
    t.request('POST', `/api/modules/${slug}/invitations`, { token, body });
  const verify = (member: TestUser) =>
    t.db.pool.query(`UPDATE auth.users SET email_verified_at = now() WHERE id = $1`, [member.user.id]);
  const myModules = async (member: TestUser) =>
    (await t.request('GET', '/api/me/enrolments', { token: member.token })).body.map(
      (e: { module: { slug: string } }) => e.module.slug,
    );
  const invitationsTo = (email: string) => catcher.to(email).filter((m) => m.subject?.includes('invit'));

  beforeAll(async () => {
    catcher = await MailCatcher.start();
    t = await startTestApp(() => InvitationTestModule, { env: { SMTP_URL: catcher.url, MESSAGES_POLL_MS: '200' } });
    staff = await makeStaff(t);
    module = await publish(t, staff, oneLessonModule());
  });
  afterAll(async () => {
    await t.close();
    await catcher.close();
  });

  it('enrols verified members at once, invites everyone else, and says what happened to each address', async () => {
    const known = await makeMember(t, { name: 'Known Verified' });
    await verify(known);
    const unproven = await makeMember(t, { name: 'Never Verified' });
    const enrolledAlready = await makeMember(t);
    await t.request('POST', `/api/modules/${module.slug}/enrolments`, { token: enrolledAlready.token, body: {} });
    const stranger = `Stranger-${Date.now()}@Example.org`;

    const result = await invite({
      emails: [
        known.user.email.toUpperCase(),
        unproven.user.email,
        enrolledAlready.user.email,
        stranger,
        ` ${stranger} `,
        'not-an-email',
      ],
      locale: 'fr',
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      enrolled: [known.user.email.toLowerCase()],
      invited: [unproven.user.email.toLowerCase(), stranger.toLowerCase()],
      alreadyEnrolled: [enrolledAlready.user.email.toLowerCase()],
      invalid: ['not-an-email'],
    });
    expect(await myModules(known)).toEqual([module.slug]);
    // An account whose address is not proven is not enrolled through it.
    expect(await myModules(unproven)).toEqual([]);

    const mail = await catcher.next((m) => m.envelopeTo.includes(stranger.toLowerCase()));
    expect(mail.subject).toMatch(/^Vous êtes invité·e\s?: Les banques et les producteurs$/);
    expect(mail.text).toContain(`/login?mode=signup&next=%2Fmodules%2F${module.slug}&lang=fr`);
    await catcher.next(
      (m) => m.envelopeTo.includes(unproven.user.email.toLowerCase()) && m.subject!.startsWith('Vous'),
    );

    // Inviting again sends nothing new and changes no status.
    const again = await invite({ emails: [stranger] });
    expect(again.body.invited).toEqual([stranger.toLowerCase()]);
    const list = await t.request('GET', `/api/modules/${module.slug}/invitations`, { token: staff.token });
    expect(list.body.items.map((i: { email: string; status: string }) => [i.email, i.status]).sort()).toEqual(
      [
        [known.user.email.toLowerCase(), 'enrolled'],
        [unproven.user.email.toLowerCase(), 'invited'],
        [stranger.toLowerCase(), 'invited'],
      ].sort(),
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(invitationsTo(stranger.toLowerCase())).toHaveLength(1);
  });

  it('enrols an invited stranger once they sign up and confirm their address', async () => {
    const email = `newcomer-${Date.now()}@example.org`;
    expect((await invite({ emails: [email] })).body.invited).toEqual([email]);
    await catcher.next((m) => m.envelopeTo.includes(email) && /invited/.test(m.subject ?? ''));
    const newcomer = await makeMember(t, { email, name: 'New Comer' });
    expect(await myModules(newcomer)).toEqual([]);

    const verification = await catcher.next((m) => m.envelopeTo.includes(email) && /^Confirm/i.test(m.subject ?? ''));
    const token = /verify-email\?token=([\w-]+)/.exec(verification.text ?? '')![1];
    const confirmed = await t.request('POST', '/api/auth/email-verification/confirm', { body: { token } });
    expect(confirmed.status).toBe(200);
    // Enrolled by the verification itself, before the member asks for anything.
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM progress.enrolments WHERE member_id = $1 AND module_id = $2`,
      [newcomer.user.id, module.id],
    );
    expect(rows[0].n).toBe(1);
    expect(await myModules(newcomer)).toEqual([module.slug]);
    const list = await t.request('GET', `/api/modules/${module.slug}/invitations`, { token: staff.token });
    expect(list.body.items.find((i: { email: string }) => i.email === email)).toMatchObject({
      status: 'enrolled',
      memberId: newcomer.user.id,
      enrolledAt: expect.any(String),
    });
  });

  it('claims an invitation the hook missed when the member next lists their enrolments, on the invited track', async () => {
    const tracked = await publish(t, staff, moduleDocument());
    const member = await makeMember(t);
    expect((await invite({ emails: [member.user.email] }, staff.token, tracked.slug)).status).toBe(400);
    await invite({ emails: [member.user.email], track: 'established' }, staff.token, tracked.slug);
    await verify(member); // as a single sign-on with a verified address would, without the hook
    const enrolments = (await t.request('GET', '/api/me/enrolments', { token: member.token })).body;
    expect(enrolments).toEqual([expect.objectContaining({ track: 'established' })]);
  });

  it('is for staff only', async () => {
    const member = await makeMember(t);
    expect((await invite({ emails: ['a@example.org'] }, member.token)).status).toBe(403);
    expect((await t.request('GET', `/api/modules/${module.slug}/invitations`, { token: member.token })).status).toBe(
      403,
    );
    expect((await invite({ emails: ['a@example.org'] }, staff.token, 'no-such-module')).status).toBe(404);
    expect((await invite({ emails: [] })).status).toBe(400);
  });
});
