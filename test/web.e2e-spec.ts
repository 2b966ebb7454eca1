/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
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

// Under a busy parallel `npm test` the browser steps are slow, hence the generous timeouts.
// axe-core is a UMD bundle that breaks when Jest's SWC transform rewrites it; the browser only needs its source.
jest.mock('axe-core', () => ({
  source: require('node:fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
}));

/** The module the journey runs through: two tracks, a lesson with hostile HTML, a quiz, a live session. */
const moduleDocument = (slug: string) => ({
  slug,
  title: { en: 'Banking for Producers', fr: 'Les banques et les producteurs' },
  summary: { en: 'Interim financing, explained.', fr: 'Le financement intérimaire, expliqué.' },
  certificate: { enabled: true, cpdHours: 4.5 },
  opensAt: null,
  closesAt: null,
  tracks: [
    { key: 'emerging', title: { en: 'New and emerging producers', fr: 'Producteurs émergents' } },
    { key: 'established', title: { en: 'Established producers', fr: 'Producteurs établis' } },
  ],
  units: [
    {
      key: 'u1',
      title: { en: 'Interim financing', fr: 'Le financement intérimaire' },
      tracks: [],
      items: [
        {
          key: 'read',
          kind: 'lesson',
          title: { en: 'What a bank lends against', fr: 'Ce que la banque finance' },
          body: {
            en: '# Collateral\n\nBanks lend against **tax credits**.\n\n<script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2">\n\n[click](javascript:window.__xss=3)',
            fr: '# Garanties\n\nLes banques prêtent sur les **crédits d’impôt**.',
          },
          videoUrl: null,
          estimatedMinutes: 10,
        },
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
                { key: 'a', text: { en: 'Tax credits', fr: 'Les crédits d’impôt' }, correct: true, feedback: 'Yes.' },
                { key: 'b', text: { en: 'Good intentions', fr: 'Les bonnes intentions' }, feedback: 'Not quite.' },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'u2',
      title: { en: 'Live Q&A', fr: 'Questions en direct' },
      tracks: ['emerging'],
      items: [
        {
          key: 'webinar',
          kind: 'event',
          title: { en: 'Ask a banker', fr: 'Questions à une banquière' },
          startsAt: '2026-03-04T18:00:00-05:00',
          endsAt: '2026-03-04T19:00:00-05:00',
          joinUrl: 'https://meet.example.org/banker',
        },
      ],
    },
    {
      key: 'u3',
      title: { en: 'Growing a slate', fr: 'Développer un catalogue' },
      tracks: ['established'],
      items: [{ key: 'slate', kind: 'lesson', title: 'Slate financing', body: 'Slates.' }],
    },
  ],
});

describe('the web front end in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  let staffToken: string;
  const slug = `banking-${randomBytes(3).toString('hex')}`;
  const memberEmail = `ana-${slug}@example.org`;

  beforeAll(async () => {
    web = await startWebApp(buildWeb());
    browser = await launchChromium();

    staffToken = await signInStaff(web, `staff-${slug}@example.org`);
    expect((await api(web.url, 'POST', '/api/modules', moduleDocument(slug), staffToken)).status).toBe(201);
    expect((await api(web.url, 'POST', `/api/modules/${slug}/publish`, undefined, staffToken)).status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const newPage = () => openPage(browser, web);

  it('serves the app at every page route and leaves unknown /api paths as JSON 404s', async () => {
    for (const path of [
      '/',
      '/login',
      `/modules/${slug}`,
      '/learn/x',
      '/certificates',
      '/verify',
      '/verify/GL-X',
      '/staff',
    ]) {
      const response = await fetch(web.url + path);
      // An unknown serial is a 404 page (rendered on the server), so crawlers do not index it.
      expect(response.status).toBe(path === '/verify/GL-X' ? 404 : 200);
      expect(await response.text()).toContain('<div id="root">');
    }
    const missing = await fetch(`${web.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { statusCode: number }).statusCode).toBe(404);
  });

  it('takes a member from sign-up through a tracked module, lessons and a quiz, in English and French', async () => {
    const { context, page } = await newPage();
    const email = memberEmail;

    await page.goto('/');
    const card = page.getByRole('article', { name: 'Banking for Producers' });
    await expect(card.textContent()).resolves.toContain('4.5 CPD hours');
    await expect(card.textContent()).resolves.toContain('New and emerging producers · Established producers');
    await expectAccessible(page, 'catalog');

    await page.goto('/login?mode=signup');
    await expectAccessible(page, 'sign up');
    await page.getByLabel(/^Full name/).fill('Ana Lima');
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Password/).fill('correct horse battery');
    await page.getByRole('button', { name: 'Create an account' }).last().click();
    await page.getByText('Signed in as Ana Lima').waitFor();
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.httpOnly)).toBeTruthy();
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toMatch(/eyJ/);

    await page.getByRole('link', { name: 'See the module Banking for Producers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Banking for Producers' }).waitFor();
    await expectAccessible(page, 'module');
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.getByText('Choose a track to enrol.').waitFor();
    await page.getByLabel('New and emerging producers').check();
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.waitForURL(/\/learn\//);

    // The lesson, its Markdown rendered and its hostile HTML gone.
    await page.getByRole('heading', { level: 2, name: 'What a bank lends against' }).waitFor();
    await page.locator('.lesson-body strong', { hasText: 'tax credits' }).waitFor();
    expect(
      await page.locator('.lesson-body script, .lesson-body [onerror], .lesson-body a[href^="javascript"]').count(),
    ).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expect(page.getByRole('navigation', { name: 'Units and items' }).textContent()).resolves.not.toContain(
      'Slate financing',
    );
    await expectAccessible(page, 'lesson');
    await page.getByRole('button', { name: 'Mark as complete' }).click();
    await page.getByText('You completed this lesson.').waitFor();
    await page.getByText('1 of 3 items done (33 %)').first().waitFor();

    // The quiz: a wrong answer with its feedback and the attempts left, then a pass.
    await page.getByRole('link', { name: 'Next: Check your understanding' }).click();
    await page.getByRole('radio', { name: 'Good intentions' }).check();
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await page.getByText('Not quite.').waitFor();
    await page.getByText('2 attempts left.').waitFor();
    await expectAccessible(page, 'quiz feedback');
    await page.getByRole('radio', { name: 'Tax credits' }).check();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByText('Passed').first().waitFor();
    await page.getByText('Yes.').waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await page.getByText('2 of 3 items done (66 %)').first().waitFor();

    // The live session: its join link and a calendar file.
    await page
      .getByRole('navigation', { name: 'Units and items' })
      .getByRole('link', { name: /Ask a banker/ })
      .click();
    expect(await page.getByRole('link', { name: /Join the session/ }).getAttribute('href')).toBe(
      'https://meet.example.org/banker',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Add to calendar (.ics)' }).click(),
    ]);
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain('DTSTART:20260304T230000Z');
    expect(ics).toContain('SUMMARY:Ask a banker');

    // French: the switch, remembered across a reload, and texts from the API in French too.
    await page.getByText('Français').click();
    await page.getByRole('heading', { level: 1, name: 'Les banques et les producteurs' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter au calendrier (.ics)' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Les banques et les producteurs' }).waitFor();
    await expectAccessible(page, 'learn (fr)');
    await page.goto('/learning');
    await page.getByRole('heading', { level: 1, name: 'Mes formations' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expectAccessible(page, 'my learning (fr)');
    await page.goto('/profile?lang=en');
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    await expectAccessible(page, 'profile');
    await page.goto('/certificates');
    await page.getByRole('heading', { level: 1, name: 'My certificates' }).waitFor();
    await expectAccessible(page, 'certificates');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await context.close();
  }, 240_000);

  it('can be used with a keyboard alone: skip link, visible focus, sign in', async () => {
    const { context, page } = await newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.outerHTML)).toContain('Skip to content');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');

    await page.getByLabel(/^Email/).focus();
    await page.keyboard.type(`staff-${slug}@example.org`);
    await page.keyboard.press('Tab');
    await page.keyboard.type('staff password 123');
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as Program Staff').waitFor();
    await expectAccessible(page, 'catalog signed in');
    await context.close();
  }, 120_000);

  it('gives staff a dashboard, a module page and the content page, all accessible', async () => {
    const { context, page } = await newPage();
    await page.goto('/login');
    await page.getByLabel(/^Email/).fill(`staff-${slug}@example.org`);
    await page.getByLabel(/^Password/).fill('staff password 123');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText('Signed in as Program Staff').waitFor();

    await page.goto('/staff/content');
    await page.getByRole('heading', { level: 1, name: 'Content' }).waitFor();
    await page.getByRole('rowheader', { name: new RegExp(slug) }).waitFor();
    await expectAccessible(page, 'content');
    const broken = {
      ...moduleDocument(`${slug}-x`),
      units: [{ key: 'u1', title: 'Broken', items: [{ key: 'q', kind: 'quiz' }] }],
    };
    await page.locator('input[type=file]').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    // An uploaded file opens in the editor, its problems at their places, and nothing is saved yet.
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('heading', { level: 1, name: 'New module' }).waitFor();
    const problems = page.getByRole('alert').filter({ hasText: 'problems to fix' });
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toContain('units[0].items[0]');
    await expectAccessible(page, 'uploaded document with problems');

    // A valid document is reviewed, saved as a draft from the editor, then published.
    await page.goto('/staff/content');
    const fresh = { ...moduleDocument(`${slug}-green`), title: 'Green Sets 101' };
    await page.locator('input[type=file]').setInputFiles({
      name: 'green.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(fresh)),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('The uploaded file is open for review.').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('All changes saved').waitFor();
    expect((await api(web.url, 'POST', `/api/modules/${slug}-green/publish`, undefined, staffToken)).status).toBe(201);
    const catalog = (await api(web.url, 'GET', '/api/modules')).body as { title: string }[];
    expect(catalog.map((m) => m.title)).toContain('Green Sets 101');

    await page.goto('/staff');
    await page.getByRole('heading', { level: 1, name: 'Staff dashboard' }).waitFor();
    await expectAccessible(page, 'staff dashboard');
    await page.goto(`/staff/modules/${slug}`);
    await page.getByRole('heading', { level: 1, name: 'Banking for Producers' }).waitFor();
    await page.getByRole('heading', { name: 'Record attendance' }).waitFor();
    await expectAccessible(page, 'staff module');
    await context.close();
  }, 180_000);

  async function signIn(page: Page, email: string, password: string, name: string) {
    await page.goto('/login');
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText(`Signed in as ${name}`).waitFor();
  }

  it('lets staff record attendance by pasting emails and export the member list as CSV', async () => {
    const { context, page } = await newPage();
    await signIn(page, `staff-${slug}@example.org`, 'staff password 123', 'Program Staff');
    await page.goto(`/staff/modules/${slug}`);
    await page.getByRole('heading', { level: 1, name: 'Banking for Producers' }).waitFor();

    await page
      .getByLabel(/^Live session/)
      .first()
      .click();
    await page.getByRole('option', { name: /Ask a banker/ }).click();
    // The member followed their mailed link (attendance credits only proven addresses).
    await web.db.pool.query('UPDATE auth.users SET email_verified_at = now() WHERE lower(email) = lower($1)', [
      memberEmail,
    ]);
    await page
      .getByLabel(/^Emails of those who attended/)
      .fill(`Ana Lima <${memberEmail.toUpperCase()}>, nobody-${slug}@example.org`);
    await page.getByText('2 emails found.').waitFor();
    await page.getByRole('button', { name: 'Record attendance' }).click();
    await page.getByText('Attendance recorded for 1 member.').waitFor();
    await page.getByText(`nobody-${slug}@example.org`, { exact: true }).waitFor();
    await expectAccessible(page, 'attendance recorded');

    await page
      .getByLabel(/^Status/)
      .first()
      .click();
    await page.getByRole('option', { name: 'Completed' }).click();
    await page.getByRole('rowheader', { name: 'Ana Lima' }).waitFor();
    // The search runs on the server, across every page; the CSV export carries it too.
    await page.getByLabel(/^Search members/).fill('no-such-member');
    await page.getByRole('rowheader', { name: 'Ana Lima' }).waitFor({ state: 'detached' });
    await page.getByLabel(/^Search members/).fill('LIMA');
    await page.getByRole('rowheader', { name: 'Ana Lima' }).waitFor();
    await expectAccessible(page, 'members filtered');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8').split(/\r?\n/);
    expect(csv[0]).toBe(
      'name,email,track,status,percent,enrolled_at,completed_at,certificate_serial,last_activity_at,current_item,renewal',
    );
    expect(csv.find((line) => line.includes(memberEmail))).toMatch(/^Ana Lima,.*,emerging,completed,100,/);

    await page.goto('/staff');
    await page.getByRole('heading', { name: 'Completions over time (by month)' }).waitFor();
    await page.getByRole('rowheader', { name: 'Banking for Producers' }).waitFor();
    await expectAccessible(page, 'staff dashboard with completions');
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByLabel(/^Search by name or email/).fill('ana-');
    await page.getByRole('rowheader', { name: 'Ana Lima' }).waitFor();
    await expectAccessible(page, 'people');
    await context.close();
  }, 180_000);

  it('gives the member a certificate to download and verify, and lets staff reissue and revoke it', async () => {
    const { context, page } = await newPage();
    await signIn(page, memberEmail, 'correct horse battery', 'Ana Lima');
    await page.goto('/certificates');
    const card = page.getByRole('article', { name: 'Banking for Producers' });
    for (let tries = 0; !(await card.isVisible()) && tries < 40; tries += 1) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'My certificates' }).waitFor();
    }
    await card.getByText('Ana Lima').waitFor();
    await expectAccessible(page, 'certificates with one');

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: 'Download the PDF' }).click(),
    ]);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const linkedIn = new URL((await card.getByRole('link', { name: 'Add to LinkedIn profile' }).getAttribute('href'))!);
    expect(linkedIn.searchParams.get('certUrl')).toMatch(/\/verify\/GL-/);
    expect(await card.getByLabel('Verify link').inputValue()).toBe(linkedIn.searchParams.get('certUrl'));

    await card.getByRole('button', { name: 'Transcript' }).click();
    await card.getByRole('cell', { name: 'What a bank lends against' }).waitFor();
    await card.getByRole('button', { name: 'Digital credential' }).click();
    // The wallet download: the VC-JWT, which the public credential check accepts as a file.
    const [walletFile] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: 'Download the credential' }).click(),
    ]);
    // Read now: the file goes with the member's browser context.
    const credentialFile = readFileSync((await walletFile.path())!);
    const checkCredential = async (target: typeof page) => {
      await target.goto('/verify');
      await target.getByRole('heading', { level: 1, name: 'Check a credential' }).waitFor();
      await target.locator('input[type="file"]').setInputFiles({
        name: 'credential.jwt',
        mimeType: 'text/plain',
        buffer: credentialFile,
      });
      await target.getByRole('button', { name: 'Check the credential' }).click();
      return target.getByRole('status');
    };

    const verdict = await checkCredential(page);
    await verdict.getByText('Every check passed').waitFor();
    await page.getByText('Signature (Passed)').waitFor();
    await page.getByRole('link', { name: /^Open certificate GL-/ }).waitFor();
    await expectAccessible(page, 'credential check (verified)');
    await page.goto('/certificates');

    await card.getByRole('link', { name: 'Open the verify page' }).click();
    await page.getByText('Valid certificate').waitFor();
    await page.getByRole('main').getByText('Holder: Ana Lima').waitFor();
    await expectAccessible(page, 'verify (valid)');
    const serial = page.url().split('/verify/')[1];
    await context.close();

    const staff = await newPage();
    await signIn(staff.page, `staff-${slug}@example.org`, 'staff password 123', 'Program Staff');
    await staff.page.goto(`/staff/modules/${slug}`);
    await staff.page.getByRole('rowheader', { name: serial }).waitFor();
    // Reissue (e.g. after a name change): the old one is replaced, the new one is valid.
    await staff.page.getByRole('button', { name: `Reissue ${serial}` }).click();
    const oldRow = staff.page.getByRole('row').filter({ has: staff.page.getByRole('rowheader', { name: serial }) });
    await oldRow.getByText('Replaced').waitFor();
    const newRow = staff.page.getByRole('row').filter({ hasText: 'Valid' });
    const newSerial = (await newRow.getByRole('rowheader').textContent())!.trim();
    expect(newSerial).toMatch(/^GL-/);
    expect(newSerial).not.toBe(serial);

    await newRow.getByRole('button', { name: 'Revoke' }).click();
    await staff.page.getByLabel(new RegExp(`^Reason for revoking ${newSerial}`)).fill('Issued in error');
    await staff.page.getByRole('button', { name: 'Revoke the certificate' }).click();
    await staff.page.getByRole('row').filter({ hasText: newSerial }).getByText('Revoked').waitFor();
    await expectAccessible(staff.page, 'staff certificates');

    await staff.page.goto(`/verify/${serial}`);
    await staff.page.getByText('This certificate was replaced by a newer one and is no longer valid.').waitFor();
    await staff.page.goto(`/verify/${newSerial}`);
    await staff.page.getByText('This certificate was revoked and is no longer valid.').waitFor();
    await expectAccessible(staff.page, 'verify (revoked)');
    // Replaced by the reissue, the member's downloaded credential now fails its revocation check for anyone.
    await (await checkCredential(staff.page)).getByText('At least one check failed').waitFor();
    await staff.page.getByText('Revocation (Failed)').waitFor();
    await expectAccessible(staff.page, 'credential check (revoked)');
    await staff.context.close();
  }, 180_000);

  it('shows the public verify page for an unknown serial', async () => {
    const { context, page } = await newPage();
    await page.goto('/verify/GL-0000-NONE');
    await page.getByRole('heading', { level: 1, name: 'Certificate verification' }).waitFor();
    await expectAccessible(page, 'verify');
    await context.close();
  }, 120_000);
});
