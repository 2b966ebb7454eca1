import { Module } from '@nestjs/common';
import { MessagesWorkerModule } from '@greenlight/messages';
import { MailCatcher, makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { moduleDocument, ModuleRead, ProgressTestModule, publish } from '../testing/progress-fixtures';

jest.setTimeout(60_000);

@Module({ imports: [ProgressTestModule, MessagesWorkerModule] })
class RemindersTestModule {}

describe('reminders that go out', () => {
  let catcher: MailCatcher;
  let t: TestApp;
  let staff: TestUser;
  let module: ModuleRead;
  let anglophone: TestUser;
  let francophone: TestUser;
  let active: TestUser;

  const remind = (body: unknown) =>
    t.request('POST', `/api/modules/${module.slug}/reminders`, { token: staff.token, body });
  const text = {
    subject: { en: 'Keep going, {{name}}', fr: 'Continuez, {{name}}' },
    body: {
      en: 'You are {{percent}} through {{module}}: {{link}}',
      fr: 'Vous en êtes à {{percent}} de {{module}} : {{link}}',
    },
  };

  beforeAll(async () => {
    catcher = await MailCatcher.start();
    t = await startTestApp(() => RemindersTestModule, { env: { SMTP_URL: catcher.url, MESSAGES_POLL_MS: '200' } });
    staff = await makeStaff(t);
    module = await publish(t, staff, moduleDocument());
    anglophone = await makeMember(t, { name: 'Ann English', locale: 'en' });
    francophone = await makeMember(t, { name: 'Fanny Français', locale: 'fr' });
    active = await makeMember(t, { name: 'Al Active' });
    for (const m of [anglophone, francophone, active]) {
      await t.request('POST', `/api/modules/${module.slug}/enrolments`, {
        token: m.token,
        body: { track: 'emerging' },
      });
    }
    await t.db.pool.query(
      `UPDATE progress.enrolments SET last_activity_at = now() - interval '15 days' WHERE member_id = ANY($1)`,
      [[anglophone.user.id, francophone.user.id]],
    );
  });
  afterAll(async () => {
    await t.close();
    await catcher.close();
  });

  it('lists the recipients of a dry run without sending anything', async () => {
    const dry = await remind({ filter: { inactiveDays: 14 }, ...text, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.recipients.map((r: { name: string; locale: string }) => [r.name, r.locale])).toEqual([
      ['Ann English', 'en'],
      ['Fanny Français', 'fr'],
    ]);
    const picked = await remind({ filter: { memberIds: [active.user.id] }, ...text, dryRun: true });
    expect(picked.body.recipients.map((r: { id: string }) => r.id)).toEqual([active.user.id]);
    // Only the sign-up verification mails went out, no reminder.
    expect(catcher.received.filter((m) => !/^Confirm/i.test(m.subject ?? ''))).toHaveLength(0);
  });

  it('sends each inactive member the reminder in their language, with an unsubscribe link that works', async () => {
    const sent = await remind({ filter: { inactiveDays: 14 }, ...text });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ queued: 2, skipped: [] });

    const english = await catcher.next(
      (m) => m.envelopeTo.includes(anglophone.user.email.toLowerCase()) && !/^Confirm/i.test(m.subject ?? ''),
    );
    expect(english.subject).toBe('Keep going, Ann English');
    expect(english.text).toMatch(
      /You are 0% through Banking for Producers: http:\/\/localhost:3000\/learn\/[0-9a-f-]{36}/,
    );
    const french = await catcher.next(
      (m) => m.envelopeTo.includes(francophone.user.email.toLowerCase()) && !/^Confirm/i.test(m.subject ?? ''),
    );
    expect(french.subject).toBe('Continuez, Fanny Français');
    expect(french.text).toContain('de Les banques et les producteurs');
    const link = /\/unsubscribe\/([^\s?]+)\?lang=fr/.exec(french.text ?? '')![1]!;

    // The same reminder again the same day is the same occasion: nothing new goes out.
    const again = await remind({ filter: { inactiveDays: 14 }, ...text });
    expect(again.body.queued).toBe(0);
    expect(again.body.skipped.map((s: { reason: string }) => s.reason)).toEqual(['already-sent', 'already-sent']);

    expect((await t.request('POST', `/api/unsubscribe/${link}`)).body.unsubscribed).toBe(true);
    const next = await remind({
      filter: { inactiveDays: 14 },
      subject: { en: 'Week three', fr: 'Semaine trois' },
      body: text.body,
    });
    expect(next.body.queued).toBe(1);
    expect(next.body.skipped).toEqual([{ email: francophone.user.email, reason: 'unsubscribed' }]);
    await catcher.next((m) => m.subject === 'Week three');

    const page = await t.request('GET', `/api/members/${francophone.user.id}`, { token: staff.token });
    expect(page.body.unsubscribedAt).toEqual(expect.any(String));
    expect(page.body.messages.filter((m: { kind: string }) => m.kind === 'reminder')).toEqual([
      expect.objectContaining({ kind: 'reminder', subject: 'Continuez, Fanny Français', moduleSlug: module.slug }),
    ]);
    expect(catcher.to(francophone.user.email).filter((m) => !/^Confirm/i.test(m.subject ?? ''))).toHaveLength(1);
  });

  it('refuses an unknown placeholder and a missing language with the path', async () => {
    const bad = await remind({ ...text, body: { en: 'Hi {{nam}}', fr: 'Salut' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('{{nam}}');
    expect((await remind({ ...text, subject: { en: 'Only English' } })).status).toBe(400);
    expect((await remind({ ...text, filter: { memberIds: ['nope'] } })).status).toBe(400);
  });
});
