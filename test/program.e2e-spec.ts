/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { Browser } from 'playwright-core';
import { MailCatcher } from '@greenlight/testing';
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
jest.setTimeout(120_000);

const moduleDocument = (slug: string) => ({
  slug,
  title: { en: 'Banking for Producers', fr: 'Les banques et les producteurs' },
  summary: { en: 'Interim financing, explained.', fr: 'Le financement intérimaire, expliqué.' },
  certificate: { enabled: true, cpdHours: 2 },
  units: [
    {
      key: 'u1',
      title: { en: 'Interim financing', fr: 'Le financement intérimaire' },
      items: [
        { key: 'read', kind: 'lesson', title: { en: 'Collateral', fr: 'Garanties' }, body: 'Tax credits.' },
        { key: 'more', kind: 'lesson', title: { en: 'Gap loans', fr: 'Prêts relais' }, body: 'Gap.' },
      ],
    },
  ],
});

/**
 * Running a program in Chromium (issue 15): what a coordinator and the members they write to do in
 * the browser, with mail through a real SMTP server.
 */
describe('running a program in the browser', () => {
  let catcher: MailCatcher;
  let web: WebApp;
  let browser: Browser;
  let staffToken: string;
  const slug = `program-${randomBytes(3).toString('hex')}`;

  async function register(email: string, name: string, locale: 'en' | 'fr') {
    const created = await api(web.url, 'POST', '/api/auth/register', {
      email,
      password: 'a long enough password',
      name,
      locale,
    });
    expect(created.status).toBe(201);
    return created.body as { user: { id: string; email: string }; accessToken: string };
  }

  beforeAll(async () => {
    catcher = await MailCatcher.start();
    web = await startWebApp(buildWeb(), { env: { SMTP_URL: catcher.url, MESSAGES_POLL_MS: '200' } });
    browser = await launchChromium();
    staffToken = await signInStaff(web, `staff-${slug}@example.org`);
    expect((await api(web.url, 'POST', '/api/modules', moduleDocument(slug), staffToken)).status).toBe(201);
    expect((await api(web.url, 'POST', `/api/modules/${slug}/publish`, undefined, staffToken)).status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await catcher?.close();
  });

  const newPage = () => openPage(browser, web);
  const remind = (memberIds: string[], frenchSubject: string) =>
    api(
      web.url,
      'POST',
      `/api/modules/${slug}/reminders`,
      {
        filter: { memberIds },
        subject: { en: `(en) ${frenchSubject}`, fr: frenchSubject },
        body: { en: 'Hello {{name}}', fr: 'Bonjour {{name}}' },
      },
      staffToken,
    );

  it('lets a member stop reminders from the link in one, signed out and in their language', async () => {
    const member = await register(`fanny-${slug}@example.org`, 'Fanny Français', 'fr');
    expect((await api(web.url, 'POST', `/api/modules/${slug}/enrolments`, {}, member.accessToken)).status).toBe(201);
    const sent = await remind([member.user.id], 'Continuez');
    expect(sent.body).toEqual({ queued: 1, skipped: [] });
    const mail = await catcher.next((m) => m.subject === 'Continuez');
    const link = /https?:\/\/\S+\/unsubscribe\/\S+/.exec(mail.text ?? '')![0];
    const { pathname, search } = new URL(link);
    expect(search).toBe('?lang=fr');

    const { context, page } = await newPage();
    await page.goto(pathname + search);
    await page.getByRole('heading', { level: 1, name: 'Rappels par courriel' }).waitFor();
    await expectAccessible(page, 'unsubscribe page');
    await page.getByRole('button', { name: 'Arrêter les rappels' }).click();
    await page.getByRole('status').filter({ hasText: 'Vous ne recevez plus de rappels' }).waitFor();
    await expectAccessible(page, 'unsubscribe page, done');
    await context.close();

    const detail = await api(web.url, 'GET', `/api/members/${member.user.id}`, undefined, staffToken);
    expect(detail.body.unsubscribedAt).toEqual(expect.any(String));
    const again = await remind([member.user.id], 'Semaine deux');
    expect(again.body.skipped).toEqual([{ email: member.user.email, reason: 'unsubscribed' }]);
  });
});
