import { Module } from '@nestjs/common';
import { MessagesWorkerModule } from '@greenlight/messages';
import { JobProducer, QueueName } from '@greenlight/queue';
import { MailCatcher, makeMember, makeStaff, startTestApp, TestApp, TestUser } from '@greenlight/testing';
import { itemOf, moduleDocument, ModuleRead, ProgressTestModule, publish } from '../testing/progress-fixtures';
import { ReminderRuleService } from './reminder-rule.service';
import { REMINDER_RULES_SCHEDULER } from './reminder-rules.processor';

jest.setTimeout(90_000);

@Module({ imports: [ProgressTestModule, MessagesWorkerModule] })
class RuleTestModule {}

const DAY = 24 * 3600 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(done: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(100);
  }
}
const isReminder = (subject: string | undefined) => !/^Confirm/i.test(subject ?? '');

const rule = (key: string, kind: string, days: number, en: string, fr: string) => ({
  key,
  kind,
  days,
  subject: { en: `${en}, {{name}}`, fr: `${fr}, {{name}}` },
  body: { en: `${en}: {{module}} {{percent}} {{link}}`, fr: `${fr} : {{module}} {{percent}} {{link}}` },
  enabled: true,
});

describe('reminder rules', () => {
  let catcher: MailCatcher;
  let t: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    catcher = await MailCatcher.start();
    t = await startTestApp(() => RuleTestModule, {
      env: { SMTP_URL: catcher.url, MESSAGES_POLL_MS: '200', REMINDER_RULES_EVERY_MS: '500', REMINDER_BATCH_SIZE: '2' },
    });
    staff = await makeStaff(t);
  });
  afterAll(async () => {
    await t.close();
    await catcher.close();
  });

  const rulesOf = (slug: string, token = staff.token) =>
    t.request('GET', `/api/modules/${slug}/reminder-rules`, { token });
  const putRules = (slug: string, body: unknown, token = staff.token) =>
    t.request('PUT', `/api/modules/${slug}/reminder-rules`, { token, body });
  const remindersTo = (member: TestUser) => catcher.to(member.user.email).filter((m) => isReminder(m.subject));

  async function enrol(module: ModuleRead, member: TestUser) {
    const enrolled = await t.request('POST', `/api/modules/${module.slug}/enrolments`, {
      token: member.token,
      body: { track: 'emerging' },
    });
    expect(enrolled.status).toBe(201);
    return enrolled.body.id as string;
  }
  const setInactive = (enrolmentId: string, days: number) =>
    t.db.pool.query(
      `UPDATE progress.enrolments SET last_activity_at = now() - $2::int * interval '1 day' WHERE id = $1`,
      [enrolmentId, days],
    );

  it('lets staff read and replace a module’s rules, and refuses what cannot work', async () => {
    const module = await publish(t, staff, moduleDocument());
    const member = await makeMember(t);
    expect(await rulesOf(module.slug)).toMatchObject({ status: 200, body: [] });

    const rules = [
      rule('two-weeks', 'inactive', 14, 'Still there', 'Toujours là'),
      rule('closing', 'before-close', 7, 'Closing', 'Fermeture'),
    ];
    expect(await putRules(module.slug, rules)).toMatchObject({ status: 200, body: rules });
    expect((await rulesOf(module.slug)).body).toEqual(rules);
    // A replacement drops the rules it does not name and keeps the order it is given.
    const next = [{ ...rules[1], enabled: false }];
    expect((await putRules(module.slug, next)).body).toEqual(next);

    expect((await rulesOf(module.slug, member.token)).status).toBe(403);
    expect((await putRules(module.slug, rules, member.token)).status).toBe(403);
    expect((await rulesOf('no-such-module')).status).toBe(404);
    const twice = await putRules(module.slug, [rules[0], rules[0]]);
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body.message)).toContain('used twice');
    expect((await putRules(module.slug, [{ ...rules[0], kind: 'weekly' }])).status).toBe(400);
    expect((await putRules(module.slug, [{ ...rules[1], days: 0 }])).status).toBe(400);
    expect((await putRules(module.slug, [{ ...rules[0], body: { en: '{{nope}}', fr: 'x' } }])).status).toBe(400);
    const expiry = await putRules(module.slug, [rule('renew', 'before-expiry', 30, 'Renew', 'Renouveler')]);
    expect(expiry.status).toBe(422);
    expect(expiry.body.message).toContain('validForMonths');
    expect((await rulesOf(module.slug)).body).toEqual(next);
  });

  it('runs on a BullMQ job scheduler: each member once per rule and occasion, in their language', async () => {
    const scheduler = await t.app.get(JobProducer).queue(QueueName.Reminders).getJobScheduler(REMINDER_RULES_SCHEDULER);
    expect(scheduler).toMatchObject({ every: 500 });

    const document = moduleDocument({ closesAt: new Date(Date.now() + 2 * DAY).toISOString() });
    const webinar = document.units[0]!.items.find((item) => item.key === 'webinar')!;
    Object.assign(webinar, {
      startsAt: new Date(Date.now() + 12 * 3600 * 1000).toISOString(),
      endsAt: new Date(Date.now() + 13 * 3600 * 1000).toISOString(),
    });
    const module = await publish(t, staff, document);
    const idle = await makeMember(t, { name: 'Ida Idle', locale: 'en' });
    const busy = await makeMember(t, { name: 'Bruno Busy', locale: 'fr' });
    const idleEnrolment = await enrol(module, idle);
    await enrol(module, busy);
    await setInactive(idleEnrolment, 20);

    expect(
      (
        await putRules(module.slug, [
          rule('two-weeks', 'inactive', 14, 'Still there', 'Toujours là'),
          rule('closing', 'before-close', 3, 'Closing soon', 'Bientôt fermé'),
          rule('webinar', 'before-event', 1, 'Webinar tomorrow', 'Webinaire demain'),
        ])
      ).status,
    ).toBe(200);

    await catcher.next(
      (m) => m.envelopeTo.includes(busy.user.email.toLowerCase()) && /^Webinaire/.test(m.subject ?? ''),
    );
    await catcher.next(
      (m) => m.envelopeTo.includes(idle.user.email.toLowerCase()) && /^Still there/.test(m.subject ?? ''),
    );
    // Several more runs of the scheduler find the same members and the same occasions: nothing new.
    await sleep(2500);
    expect(
      remindersTo(idle)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Closing soon, Ida Idle', 'Still there, Ida Idle', 'Webinar tomorrow, Ida Idle']);
    expect(
      remindersTo(busy)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Bientôt fermé, Bruno Busy', 'Webinaire demain, Bruno Busy']);
    const french = remindersTo(busy)[0]!;
    expect(french.text).toContain('Les banques et les producteurs');
    // The footer's link opens the page in the member's language; the header's is the bare link.
    const link = /\/unsubscribe\/[^\s?]+/.exec(french.text ?? '')![0];
    expect(french.text).toContain(`${link}?lang=fr`);
    expect(french.headerLines.find((line) => line.key === 'list-unsubscribe')?.line).toContain(link);

    // Back at work, then idle again: a new spell of inactivity is a new occasion.
    const lesson = itemOf(module, 'u1', 'read');
    expect(
      (await t.request('POST', `/api/enrolments/${idleEnrolment}/items/${lesson.id}/complete`, { token: idle.token }))
        .status,
    ).toBe(200);
    await setInactive(idleEnrolment, 15);
    await until(() => remindersTo(idle).filter((m) => m.subject === 'Still there, Ida Idle').length === 2);
    expect(remindersTo(idle).at(-1)!.text).toMatch(/^Still there: Banking for Producers [1-9]\d*% /);

    const page = await t.request('GET', `/api/members/${busy.user.id}`, { token: staff.token });
    expect(page.body.messages.filter((m: { kind: string }) => m.kind === 'reminder')).toHaveLength(2);
  });

  it('sends nothing new when a run is repeated, and skips the unsubscribed', async () => {
    const module = await publish(t, staff, moduleDocument());
    const members = await Promise.all([1, 2, 3].map((n) => makeMember(t, { name: `Repeat ${n}` })));
    for (const member of members) await setInactive(await enrol(module, member), 30);
    await t.db.pool.query(`INSERT INTO messages.unsubscribes (user_id) VALUES ($1)`, [members[2]!.user.id]);
    expect((await putRules(module.slug, [rule('month', 'inactive', 28, 'A month', 'Un mois')])).status).toBe(200);
    const service = t.app.get(ReminderRuleService);
    const [first, second] = [await service.run(module.slug), await service.run(module.slug)];
    // The scheduler may have run in between: together the runs queue each member once.
    const queued = (outcomes: { queued: number }[]) => outcomes.reduce((sum, o) => sum + o.queued, 0);
    expect(queued(first) + queued(second)).toBeLessThanOrEqual(2);
    expect(queued(second)).toBe(0);
    const { rows } = await t.db.pool.query(
      `SELECT user_id, count(*)::int AS n FROM messages.messages WHERE kind = 'reminder' AND module_slug = $1 GROUP BY user_id`,
      [module.slug],
    );
    expect(rows.map((r) => r.n)).toEqual([1, 1]);
    expect(rows.map((r) => r.user_id).sort()).toEqual([members[0]!.user.id, members[1]!.user.id].sort());
  });
});
