/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { CaughtMail, MailCatcher, until, unzip } from '@greenlight/testing';
import {
  api,
  buildWeb,
  expectAccessible,
  launchChromium,
  newPage as openPage,
  staffToken as signInStaff,
  startWebApp,
  WebApp,
} from './support/web-app';

// axe-core is a UMD bundle that breaks when Jest's SWC transform rewrites it; the browser only needs its source.
jest.mock('axe-core', () => ({
  source: require('node:fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
}));
// The machine running this is shared and busy: every step waits for a state, none for a fixed time.
jest.setTimeout(240_000);

const PASSWORD = 'a long enough password';
const STAFF_PASSWORD = 'staff password 123';

const moduleDocument = (slug: string) => ({
  slug,
  title: { en: 'Banking for Producers', fr: 'Les banques et les producteurs' },
  summary: { en: 'Interim financing, explained.', fr: 'Le financement intérimaire, expliqué.' },
  // Certificates hold for a year, then are renewed.
  certificate: { enabled: true, cpdHours: 2, validForMonths: 12 },
  units: [
    {
      key: 'u1',
      title: { en: 'Interim financing', fr: 'Le financement intérimaire' },
      items: [
        { key: 'read', kind: 'lesson', title: { en: 'Collateral', fr: 'Les garanties' }, body: 'Tax credits.' },
        {
          key: 'check',
          kind: 'quiz',
          title: { en: 'Check your understanding', fr: 'Vérifiez vos connaissances' },
          passMark: 100,
          maxAttempts: 3,
          questions: [
            {
              key: 'q1',
              type: 'single',
              prompt: { en: 'What do banks lend against?', fr: 'Sur quoi les banques prêtent-elles?' },
              options: [
                { key: 'a', text: { en: 'Tax credits', fr: 'Les crédits d’impôt' }, correct: true },
                { key: 'b', text: { en: 'Good intentions', fr: 'Les bonnes intentions' } },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'u2',
      title: { en: 'Gap financing', fr: 'Le financement de l’écart' },
      items: [{ key: 'gap', kind: 'lesson', title: { en: 'Gap loans', fr: 'Les prêts relais' }, body: 'Gap.' }],
    },
  ],
});

const linkIn = (mail: CaughtMail, path: RegExp) => {
  const found = new RegExp(`https?://\\S+${path.source}\\S*`).exec(mail.text ?? '');
  if (!found) throw new Error(`no ${path} link in ${JSON.stringify(mail.text)}`);
  const url = new URL(found[0]);
  return url.pathname + url.search;
};

/**
 * Issue 15's "done when", in Chromium: a coordinator who only uses the browser finds the members
 * inactive for two weeks, reads one member's whole page, sends them a bilingual reminder that arrives
 * through a real SMTP server, invites a pasted list whose strangers then sign up and land enrolled,
 * and downloads the module's certificates as a ZIP. The members' past (who did what, and when) is
 * set up through the API and the database; everything the coordinator does goes through the pages.
 */
describe('a program coordinator in the browser', () => {
  let catcher: MailCatcher;
  let web: WebApp;
  let browser: Browser;
  let staffToken: string;
  let staff: { context: BrowserContext; page: Page };
  const run = randomBytes(3).toString('hex');
  const slug = `coordinator-${run}`;
  const staffEmail = `coordinator-${run}@example.org`;
  const people = {
    ines: { email: `ines-${run}@example.org`, name: 'Inès Tremblay', locale: 'fr' as const },
    oliver: { email: `oliver-${run}@example.org`, name: 'Oliver Stone', locale: 'en' as const },
    active: { email: `amara-${run}@example.org`, name: 'Amara Active', locale: 'en' as const },
    done: { email: `carla-${run}@example.org`, name: 'Carla Complete', locale: 'en' as const },
    known: { email: `kenji-${run}@example.org`, name: 'Kenji Known', locale: 'en' as const },
  };
  const ids: Record<keyof typeof people, string> = {} as never;
  const tokens: Record<keyof typeof people, string> = {} as never;
  let items: Record<'read' | 'check' | 'gap', string>;
  let questionId: string;
  let rightOption: string;
  let wrongOption: string;

  async function register(person: { email: string; name: string; locale: 'en' | 'fr' }) {
    const created = await api(web.url, 'POST', '/api/auth/register', { ...person, password: PASSWORD });
    expect(created.status).toBe(201);
    // They followed the link mailed at registration (an invitation enrols only proven addresses).
    await web.db.pool.query('UPDATE auth.users SET email_verified_at = now() WHERE id = $1', [created.body.user.id]);
    return created.body as { user: { id: string }; accessToken: string };
  }

  async function enrol(key: keyof typeof people) {
    const enrolled = await api(web.url, 'POST', `/api/modules/${slug}/enrolments`, {}, tokens[key]);
    expect(enrolled.status).toBe(201);
    return enrolled.body.id as string;
  }

  const complete = async (enrolmentId: string, key: keyof typeof people, itemId: string) =>
    expect(
      (await api(web.url, 'POST', `/api/enrolments/${enrolmentId}/items/${itemId}/complete`, {}, tokens[key])).status,
    ).toBe(200);
  const answer = async (enrolmentId: string, key: keyof typeof people, optionId: string) =>
    expect(
      (
        await api(
          web.url,
          'POST',
          `/api/enrolments/${enrolmentId}/quizzes/${items.check}/attempts`,
          { answers: { [questionId]: optionId } },
          tokens[key],
        )
      ).status,
    ).toBe(201);
  /** The member's last step was `days` ago (and their enrolment a little before). */
  const backdate = (key: keyof typeof people, days: number) =>
    web.db.pool.query(
      `UPDATE progress.enrolments
          SET last_activity_at = now() - $2::int * interval '1 day',
              enrolled_at = now() - ($2::int + 5) * interval '1 day'
        WHERE member_id = $1 AND module_slug = $3`,
      [ids[key], days, slug],
    );

  beforeAll(async () => {
    catcher = await MailCatcher.start();
    web = await startWebApp(buildWeb(), { env: { SMTP_URL: catcher.url, MESSAGES_POLL_MS: '200' } });
    browser = await launchChromium();
    staffToken = await signInStaff(web, staffEmail, STAFF_PASSWORD);
    expect((await api(web.url, 'POST', '/api/modules', moduleDocument(slug), staffToken)).status).toBe(201);
    expect((await api(web.url, 'POST', `/api/modules/${slug}/publish`, undefined, staffToken)).status).toBe(201);
    const detail = (await api(web.url, 'GET', `/api/modules/${slug}?lang=en`)).body;
    const all = detail.units.flatMap((unit: { items: { key: string; id: string }[] }) => unit.items);
    items = Object.fromEntries(all.map((item: { key: string; id: string }) => [item.key, item.id])) as typeof items;
    const quiz = all.find((item: { key: string }) => item.key === 'check');
    questionId = quiz.questions[0].id;
    rightOption = quiz.questions[0].options.find((o: { key: string }) => o.key === 'a').id;
    wrongOption = quiz.questions[0].options.find((o: { key: string }) => o.key === 'b').id;

    for (const key of Object.keys(people) as (keyof typeof people)[]) {
      const registered = await register(people[key]);
      ids[key] = registered.user.id;
      tokens[key] = registered.accessToken;
    }
    // Inès read the first lesson and missed the quiz, three weeks ago; Oliver enrolled 16 days ago and
    // did nothing; Amara is at it today; Carla finished (long ago: finished members are never "inactive").
    const ines = await enrol('ines');
    await complete(ines, 'ines', items.read);
    await answer(ines, 'ines', wrongOption);
    await backdate('ines', 21);
    await enrol('oliver');
    await backdate('oliver', 16);
    const amara = await enrol('active');
    await complete(amara, 'active', items.read);
    await backdate('active', 2);
    const carla = await enrol('done');
    await complete(carla, 'done', items.read);
    await answer(carla, 'done', rightOption);
    await complete(carla, 'done', items.gap);
    await backdate('done', 30);
    await until(
      () => api(web.url, 'GET', `/api/certificates?module=${slug}`, undefined, staffToken),
      (response) => response.body?.total === 1,
      60_000,
      250,
    );

    // The coordinator signs in on the sign-in page, as every morning.
    staff = await openPage(browser, web);
    await staff.page.goto('/login');
    await staff.page.getByLabel(/^Email/).fill(staffEmail);
    await staff.page.getByLabel(/^Password/).fill(STAFF_PASSWORD);
    await staff.page.getByRole('button', { name: 'Sign in' }).last().click();
    await staff.page.getByText('Signed in as Program Staff').waitFor();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await catcher?.close();
  });

  const reminders = () => catcher.received.filter((mail) => mail.headers.get('x-greenlight-kind') === 'reminder');
  const membersTable = (page: Page) => page.getByRole('table', { name: /^\d+ members?$/ });
  /** The names listed in the members table once it has settled on `count` rows. */
  async function listedMembers(page: Page, count: number): Promise<string[]> {
    const table = membersTable(page);
    await page.getByRole('table', { name: count === 1 ? '1 member' : `${count} members` }).waitFor();
    await table.and(page.locator('[aria-busy="false"]')).waitFor();
    return table.locator('tbody tr th').allInnerTexts();
  }

  it('finds the members inactive for two weeks on the module report and opens one member whole', async () => {
    const { page } = staff;
    await page.goto('/staff');
    await page.getByRole('link', { name: 'Banking for Producers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Banking for Producers' }).waitFor();
    expect((await listedMembers(page, 4)).sort()).toEqual(
      [people.ines.name, people.oliver.name, people.active.name, people.done.name].sort(),
    );

    await page.getByRole('textbox', { name: 'Inactive for at least (days)' }).fill('14');
    expect((await listedMembers(page, 2)).sort()).toEqual([people.ines.name, people.oliver.name].sort());
    const inesRow = membersTable(page).getByRole('row', { name: new RegExp(people.ines.name) });
    // Where she stopped: the quiz she missed.
    await inesRow.getByRole('cell', { name: 'Check your understanding' }).waitFor();
    await expectAccessible(page, 'module report, inactive members');

    await inesRow.getByRole('link', { name: people.ines.name }).click();
    await page.waitForURL(`**/staff/members/${ids.ines}`);
    await page.getByRole('heading', { level: 1, name: people.ines.name }).waitFor();
    const enrolment = page.getByRole('region', { name: 'Banking for Producers' });
    const row = (item: string) => enrolment.getByRole('row', { name: new RegExp(item) });
    await row('Collateral').getByRole('cell', { name: 'By the member' }).waitFor();
    await row('Check your understanding')
      .getByRole('cell', { name: /^1: 0 %/ })
      .waitFor();
    await row('Gap loans').getByRole('cell', { name: 'Not yet' }).waitFor();
    await enrolment.getByText(/33 % done · last activity/).waitFor();
    // No reminder yet: only the confirmation mailed when she signed up.
    expect(await page.getByRole('region', { name: 'Messages sent' }).getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/— Email confirmation · /),
    ]);
    await expect(page.getByRole('region', { name: 'Certificates' }).innerText()).resolves.toContain('None yet.');
    await expectAccessible(page, 'member page');

    // The member who finished shows her certificate on hers.
    await page.goBack();
    await page.getByRole('textbox', { name: 'Inactive for at least (days)' }).fill('');
    await membersTable(page).getByRole('link', { name: people.done.name }).click();
    await page.getByRole('heading', { level: 1, name: people.done.name }).waitFor();
    await page
      .getByRole('region', { name: 'Certificates' })
      .getByRole('listitem')
      .filter({ hasText: /^GL-.*Banking for Producers.*Valid/ })
      .waitFor();
  });

  it('sends the inactive members a reminder in each one’s language, which arrives by SMTP with a working opt-out', async () => {
    const { page } = staff;
    await page.goto(`/staff/modules/${slug}`);
    await page.getByRole('textbox', { name: 'Inactive for at least (days)' }).fill('14');
    await listedMembers(page, 2);

    const form = page.getByRole('region', { name: 'Send a reminder' });
    await form.getByLabel('Subject (English)').fill('{{name}}, {{module}} is waiting');
    await form.getByLabel('Subject (French)').fill('{{name}}, {{module}} vous attend');
    await form
      .getByLabel('Message (English)')
      .fill('Hello {{name}}, you are {{percent}} through. Pick up where you left off: {{link}}');
    await form
      .getByLabel('Message (French)')
      .fill('Bonjour {{name}}, vous en êtes à {{percent}}. Reprenez là où vous étiez : {{link}}');
    await form.getByRole('button', { name: 'See recipients' }).click();
    const recipients = form.getByRole('list', { name: 'Recipients' });
    await recipients.getByRole('listitem').nth(1).waitFor();
    expect((await recipients.getByRole('listitem').allInnerTexts()).sort()).toEqual([
      `${people.ines.name} <${people.ines.email}> · FR`,
      `${people.oliver.name} <${people.oliver.email}> · EN`,
    ]);
    // Seeing the recipients sends nothing.
    expect(reminders()).toEqual([]);
    await expectAccessible(page, 'reminder, recipients');

    await form.getByRole('button', { name: 'Send reminder' }).click();
    await form.getByRole('status').filter({ hasText: '2 reminders queued.' }).waitFor();
    await expectAccessible(page, 'reminder, sent');

    const isReminderTo = (email: string) => (mail: CaughtMail) =>
      mail.envelopeTo.includes(email) && mail.headers.get('x-greenlight-kind') === 'reminder';
    const french = await catcher.next(isReminderTo(people.ines.email), 60_000);
    expect(french.subject).toBe('Inès Tremblay, Les banques et les producteurs vous attend');
    expect(french.text).toContain('Bonjour Inès Tremblay, vous en êtes à 33%.');
    expect(french.text).toContain('Pour ne plus recevoir de rappels');
    expect(french.text).toMatch(new RegExp(`Reprenez là où vous étiez : https?://\\S+/learn/\\S+`));
    const english = await catcher.next(isReminderTo(people.oliver.email), 60_000);
    expect(english.subject).toBe('Oliver Stone, Banking for Producers is waiting');
    expect(english.text).toContain('Hello Oliver Stone, you are 0% through.');
    expect(english.text).not.toMatch(/\{\{|\}\}/);
    await until(
      () => reminders().length,
      (count) => count >= 2,
    );
    expect(
      reminders()
        .map((mail) => mail.envelopeTo)
        .sort(),
    ).toEqual([[people.ines.email], [people.oliver.email]]);

    // Inès opens the link in her reminder's footer, not signed in, and stops reminders, in French.
    const member = await openPage(browser, web);
    await member.page.goto(linkIn(french, /\/unsubscribe\//));
    await member.page.getByRole('heading', { level: 1, name: 'Rappels par courriel' }).waitFor();
    await member.page.getByRole('button', { name: 'Arrêter les rappels' }).click();
    await member.page.getByRole('status').filter({ hasText: 'Vous ne recevez plus de rappels' }).waitFor();
    await expectAccessible(member.page, 'unsubscribed');
    await member.context.close();

    // Her page shows the reminder she was sent and that she opted out.
    await page.goto(`/staff/members/${ids.ines}`);
    await page.getByRole('heading', { level: 1, name: people.ines.name }).waitFor();
    await page
      .getByRole('region', { name: 'Messages sent' })
      .getByRole('listitem')
      .filter({ hasText: 'Inès Tremblay, Les banques et les producteurs vous attend' })
      .waitFor();
    await page.getByText(/Unsubscribed from reminders on/).waitFor();
    await expectAccessible(page, 'member page, after the reminder');

    // A week on, the coordinator ticks the two of them in the list: the reminder leaves Inès out, and says why.
    await page.goto(`/staff/modules/${slug}`);
    await listedMembers(page, 4);
    await page.getByRole('checkbox', { name: `Select ${people.ines.name}` }).check();
    await page.getByRole('checkbox', { name: `Select ${people.oliver.name}` }).check();
    const again = page.getByRole('region', { name: 'Send a reminder' });
    await again.getByText(/^Goes to the 2 members you ticked: /).waitFor();
    await expectAccessible(page, 'reminder to ticked members');
    await again.getByLabel('Subject (English)').fill('Week three');
    await again.getByLabel('Subject (French)').fill('Troisième semaine');
    await again.getByLabel('Message (English)').fill('Hello {{name}}');
    await again.getByLabel('Message (French)').fill('Bonjour {{name}}');
    await again.getByRole('button', { name: 'Send reminder' }).click();
    await again.getByRole('status').filter({ hasText: '1 reminder queued.' }).waitFor();
    await again
      .getByRole('list', { name: 'Not sent' })
      .getByText(`${people.ines.email}: has stopped reminders`)
      .waitFor();
    expect((await catcher.next((mail) => mail.subject === 'Week three', 60_000)).envelopeTo).toEqual([
      people.oliver.email,
    ]);
  });

  it('invites a pasted list: the known member is enrolled, strangers get an email and land enrolled after signing up', async () => {
    const { page } = staff;
    const strangers = [`nadia-${run}@example.org`, `pierre-${run}@example.org`];
    const invalid = `not-an-address@${run}`;
    await page.goto(`/staff/modules/${slug}`);
    const section = page.getByRole('form', { name: 'Invite people' });
    await section
      .getByLabel(/^Emails to invite/)
      .fill(`${people.known.email}\n${strangers[0]}, ${strangers[1]}\n${invalid}\n${people.ines.email}`);
    await section.getByRole('button', { name: 'Send invitations' }).click();
    const results = section.getByRole('status');
    await results.getByText('Invitations sent').waitFor();
    const group = (title: string) => results.getByRole('list', { name: title }).getByRole('listitem').allInnerTexts();
    expect(await group('Enrolled now (1)')).toEqual([people.known.email]);
    expect((await group('Invited by email (2)')).sort()).toEqual(strangers.sort());
    expect(await group('Already enrolled (1)')).toEqual([people.ines.email]);
    expect(await group('Not an email address (1)')).toEqual([invalid]);
    await expectAccessible(page, 'invitations, results');

    // Nadia opens her invitation, creates her account and confirms her address from the email that follows.
    const invitation = await catcher.next(
      (mail) => mail.envelopeTo.includes(strangers[0]) && mail.headers.get('x-greenlight-kind') === 'invitation',
      60_000,
    );
    expect(invitation.subject).toBe('You are invited: Banking for Producers');
    const nadia = await openPage(browser, web);
    await nadia.page.goto(linkIn(invitation, /\/login/));
    const signUp = nadia.page.getByRole('form', { name: 'Create an account' });
    await signUp.getByLabel(/^Full name/).fill('Nadia Invited');
    await signUp.getByLabel(/^Email/).fill(strangers[0]);
    await signUp.getByLabel(/^Password/).fill(PASSWORD);
    await signUp.getByRole('button', { name: 'Create an account' }).click();
    await nadia.page.getByRole('heading', { level: 1, name: 'Banking for Producers' }).waitFor();
    await expectAccessible(nadia.page, 'invited, signed up');
    const confirmation = await catcher.next(
      (mail) => mail.envelopeTo.includes(strangers[0]) && /Confirm your email/.test(mail.subject ?? ''),
      60_000,
    );
    await nadia.page.goto(linkIn(confirmation, /\/verify-email/));
    await nadia.page.getByText('Thank you: your email address is confirmed.').waitFor();
    await nadia.page.goto(`/modules/${slug}`);
    await nadia.page.getByRole('heading', { level: 2, name: 'Your progress' }).waitFor();
    await nadia.page.getByRole('link', { name: 'Continue' }).waitFor();
    await expectAccessible(nadia.page, 'invited, enrolled');
    await nadia.context.close();

    // The coordinator sees who came.
    await page.reload();
    const sent = page.getByRole('table', { name: 'Invitations for this module' });
    await sent.getByRole('row', { name: new RegExp(`${strangers[0]}.*Enrolled`) }).waitFor();
    await sent.getByRole('row', { name: new RegExp(`${strangers[1]}.*Waiting for sign-up`) }).waitFor();
    await membersTable(page).getByRole('link', { name: 'Nadia Invited' }).waitFor();
    await membersTable(page).getByRole('link', { name: people.known.name }).waitFor();
  });

  it('downloads the module’s certificates as a ZIP of <serial>.pdf entries with a matching manifest', async () => {
    const { page } = staff;
    await page.goto(`/staff/modules/${slug}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download certificates (ZIP)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${slug}-certificates.*\\.zip$`));
    const path = await download.path();
    const entries = await unzip(readFileSync(path));
    const certificates = (await api(web.url, 'GET', `/api/certificates?module=${slug}`, undefined, staffToken)).body
      .items as { serial: string; holderName: string; pdfSha256: string }[];
    expect(certificates).toHaveLength(1);
    expect([...entries.keys()].sort()).toEqual([`${certificates[0].serial}.pdf`, 'certificates.csv'].sort());
    const pdf = entries.get(`${certificates[0].serial}.pdf`)!;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const manifest = entries.get('certificates.csv')!.toString('utf8').trim().split(/\r?\n/);
    expect(manifest).toHaveLength(2);
    expect(manifest[1]).toContain(certificates[0].serial);
    expect(manifest[1]).toContain(people.done.name);
  });

  it('shows a certificate about to expire, which its holder renews in the browser: the new one replaces the old', async () => {
    const { page } = staff;
    const before = (await api(web.url, 'GET', `/api/certificates?module=${slug}`, undefined, staffToken)).body
      .items[0] as { id: string; serial: string };
    // Carla's year is nearly over: her certificate ends in 30 days.
    const soon = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    await web.db.pool.query('UPDATE certificate.certificates SET valid_until = $2 WHERE id = $1', [before.id, soon]);
    await web.db.pool.query(
      `UPDATE progress.enrolment_certificates SET valid_until = $2
        WHERE enrolment_id = (SELECT id FROM progress.enrolments WHERE member_id = $1 AND module_slug = $3)`,
      [ids.done, soon, slug],
    );

    // The coordinator sees which certificates end within two months.
    await page.goto(`/staff/modules/${slug}`);
    await page.getByRole('textbox', { name: 'Expiring within (days)' }).fill('60');
    const certificates = page.getByRole('table', { name: /^\d+ certificates?$/ });
    await certificates.getByRole('row', { name: new RegExp(`${before.serial}.*${people.done.name}.*Valid`) }).waitFor();
    await page.getByRole('textbox', { name: 'Expiring within (days)' }).fill('20');
    await page.getByText('No valid certificate expires within 20 days.').waitFor();
    await expectAccessible(page, 'certificates expiring soon');

    // Carla signs in, renews from her certificates and takes the module again.
    const carla = await openPage(browser, web);
    await carla.page.goto('/login?next=/certificates');
    await carla.page.getByLabel(/^Email/).fill(people.done.email);
    await carla.page.getByLabel(/^Password/).fill(PASSWORD);
    await carla.page.getByRole('button', { name: 'Sign in' }).last().click();
    await carla.page.getByRole('heading', { level: 1, name: 'My certificates' }).waitFor();
    await carla.page.getByRole('button', { name: 'Renew Banking for Producers' }).click();
    await carla.page.waitForURL(/\/learn\//);
    await carla.page.getByText('This is a renewal').waitFor();
    await expectAccessible(carla.page, 'renewal, learning');
    await carla.page.getByRole('button', { name: 'Mark as complete' }).click();
    await carla.page.getByText('You completed this lesson.').waitFor();
    await carla.page.getByRole('link', { name: 'Next: Check your understanding' }).click();
    await carla.page.getByRole('radio', { name: 'Tax credits' }).check();
    await carla.page.getByRole('button', { name: 'Submit answers' }).click();
    await carla.page.getByText('Passed').first().waitFor();
    await carla.page.getByRole('link', { name: 'Next: Gap loans' }).click();
    await carla.page.getByRole('button', { name: 'Mark as complete' }).click();
    await carla.page.getByText('You completed this module!').waitFor();

    // The new certificate arrives and the old one shows as replaced, to her and to anyone who checks it.
    await carla.page.goto('/certificates');
    const cards = carla.page.getByRole('article', { name: 'Banking for Producers' });
    await until(
      async () => {
        await carla.page.reload();
        await carla.page.getByRole('heading', { level: 1, name: 'My certificates' }).waitFor();
        await cards.first().waitFor();
        return cards.count();
      },
      (count) => count === 2,
      90_000,
      1_000,
    );
    const old = cards.filter({ hasText: before.serial });
    await old.getByText('Replaced').waitFor();
    const renewed = cards.filter({ hasNotText: before.serial });
    await renewed.getByText('Valid', { exact: true }).waitFor();
    expect(await renewed.getByRole('button', { name: 'Renew Banking for Producers' }).count()).toBe(0);
    await expectAccessible(carla.page, 'certificates after renewal');
    await carla.page.goto(`/verify/${before.serial}`);
    await carla.page
      .getByText(/replaced/i)
      .first()
      .waitFor();
    await carla.context.close();

    // The coordinator's list has both, the new one valid a year from now.
    await page.reload();
    await page.getByRole('textbox', { name: 'Expiring within (days)' }).fill('');
    await certificates.getByRole('row', { name: new RegExp(`${before.serial}.*Replaced`) }).waitFor();
    await certificates.getByRole('row', { name: new RegExp(`${people.done.name}.*Valid`) }).waitFor();
    await page.getByText('Renewals').first().waitFor();
  });
});
