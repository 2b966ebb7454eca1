/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { api, buildWeb, expectAccessible, launchChromium, startWebApp, WebApp } from './support/web-app';

// axe-core is a UMD bundle that breaks when Jest's SWC transform rewrites it; the browser only needs its source.
jest.mock('axe-core', () => ({
  source: require('node:fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
}));

const PASSWORD = 'editor password 123';
const en = (label: string) => new RegExp(`^${label} \\(English\\)`);
const fr = (label: string) => new RegExp(`^${label} \\(French\\)`);

describe('the module editor in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  const run = randomBytes(3).toString('hex');
  const staff = { email: `editor-${run}@example.org`, name: 'Claire Editor' };
  const colleague = { email: `colleague-${run}@example.org`, name: 'Jean Colleague' };
  const member = { email: `member-${run}@example.org`, name: 'Ana Member' };

  beforeAll(async () => {
    web = await startWebApp(buildWeb());
    browser = await launchChromium();
    for (const person of [staff, colleague, member]) {
      const registered = await api(web.url, 'POST', '/api/auth/register', { ...person, password: PASSWORD });
      expect(registered.status).toBe(201);
      if (person !== member) {
        await web.db.pool.query(`UPDATE auth.users SET role = 'staff' WHERE id = $1`, [registered.body.user.id]);
      }
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  async function signedIn(person: { email: string; name: string }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: web.url, locale: 'en-CA', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto('/login');
    await page.getByLabel(/^Email/).fill(person.email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText(`Signed in as ${person.name}`).waitFor();
    return { context, page };
  }

  const tokenOf = async (person: { email: string }) =>
    (await api(web.url, 'POST', '/api/auth/login', { email: person.email, password: PASSWORD })).body
      .accessToken as string;

  /** A small valid draft, made through the API, for the tests that start from one. */
  async function makeDraft(slug: string) {
    const document = {
      slug,
      title: { en: 'Shared draft', fr: 'Ébauche partagée' },
      summary: { en: 'Two editors.', fr: 'Deux éditeurs.' },
      units: [
        {
          key: 'u1',
          title: { en: 'First', fr: 'Premier' },
          items: [{ key: 'l1', kind: 'lesson', title: { en: 'Read', fr: 'Lire' }, body: { en: 'Text', fr: 'Texte' } }],
        },
        {
          key: 'u2',
          title: { en: 'Second', fr: 'Deuxième' },
          items: [
            { key: 'l2', kind: 'lesson', title: { en: 'More', fr: 'Encore' }, body: { en: 'Text', fr: 'Texte' } },
          ],
        },
      ],
    };
    expect((await api(web.url, 'POST', '/api/modules', document, await tokenOf(staff))).status).toBe(201);
  }

  it('tells the second of two staff members who changed the draft, keeps their text, and reloads on request', async () => {
    const slug = `shared-${run}`;
    await makeDraft(slug);
    const first = await signedIn(staff);
    const second = await signedIn(colleague);
    for (const { page } of [first, second]) {
      await page.goto(`/staff/modules/${slug}/edit`);
      await page.getByRole('heading', { level: 1, name: 'Edit “Shared draft”' }).waitFor();
    }
    const moduleOf = (page: Page) => page.getByRole('region', { name: 'Module' });
    await moduleOf(first.page).getByLabel(en('Summary')).fill('Saved first.');
    await first.page.getByRole('button', { name: 'Save draft' }).click();
    await first.page.getByText('All changes saved').waitFor();

    await moduleOf(second.page).getByLabel(en('Summary')).fill('Typed second.');
    await second.page.getByRole('button', { name: 'Save draft' }).click();
    const alert = second.page.getByRole('alert').filter({ hasText: 'Someone else saved this draft' });
    await alert.getByText(/Claire Editor saved this module/).waitFor();
    expect(await moduleOf(second.page).getByLabel(en('Summary')).inputValue()).toBe('Typed second.');
    await expectAccessible(second.page, 'editor conflict');
    await alert.getByRole('button', { name: 'Load their version' }).click();
    await second.page.getByText('All changes saved').waitFor();
    expect(await moduleOf(second.page).getByLabel(en('Summary')).inputValue()).toBe('Saved first.');
    const saved = (await api(web.url, 'GET', `/api/modules/${slug}/document`, undefined, await tokenOf(staff))).body;
    expect(saved.summary.en).toBe('Saved first.');

    // Leaving with unsaved changes asks first.
    await moduleOf(second.page).getByLabel(fr('Summary')).fill('Pas encore enregistré');
    await second.page.getByRole('link', { name: 'Back to content' }).click();
    await second.page.getByRole('dialog', { name: 'Leave without saving?' }).waitFor();
    await expectAccessible(second.page, 'leave dialog');
    await second.page.getByRole('button', { name: 'Stay' }).click();
    await first.context.close();
    await second.context.close();
  }, 300_000);

  it('can be used with the keyboard alone: edit, reorder units by drag and drop, save and publish', async () => {
    const slug = `keys-${run}`;
    await makeDraft(slug);
    const { context, page } = await signedIn(staff);
    await page.goto(`/staff/modules/${slug}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Edit “Shared draft”' }).waitFor();

    /** Presses Tab (or Shift+Tab) until the focused element has this accessible name (label, aria-label or text). */
    async function tabTo(name: RegExp, { limit = 250, back = false } = {}) {
      for (let i = 0; i < limit; i += 1) {
        await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return '';
          const labelled = el.getAttribute('aria-labelledby');
          const byId = labelled ? document.getElementById(labelled.split(' ')[0])?.textContent : null;
          const label = (el as HTMLInputElement).labels?.[0]?.textContent;
          return (el.getAttribute('aria-label') ?? byId ?? label ?? el.textContent ?? '').trim();
        });
        if (name.test(focused)) return;
      }
      throw new Error(`Tab never reached ${name}`);
    }

    await tabTo(/^Title \(French\)/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Ébauche au clavier');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');

    // Drag and drop with the keyboard: pick the second unit up, move it up, drop it.
    await tabTo(/^Drag to reorder: Unit 2: Second/);
    // Each key waits for what the drag announces to screen readers, so a slow machine cannot outrun it
    // (picked up, then at once "is now at position 2": over itself).
    const announced = (text: RegExp) => page.getByText(text).last().waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await announced(/Unit 2: Second.* position 2\.$/);
    await page.keyboard.press('ArrowUp');
    await announced(/Second is now at position 1\.$/);
    await page.keyboard.press('Space');
    await announced(/Second dropped at position 1\.$/);
    await page.getByRole('region', { name: 'Unit 1: Second' }).waitFor();

    // Saved on its own shortly after the last change.
    await page.getByText('All changes saved').waitFor();
    const saved = (await api(web.url, 'GET', `/api/modules/${slug}/document`, undefined, await tokenOf(staff))).body;
    expect(saved.units.map((u: { key: string }) => u.key)).toEqual(['u2', 'u1']);
    expect(saved.title.fr).toBe('Ébauche au clavier');

    await tabTo(/^Publish$/, { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByText('it becomes version 1').waitFor();
    await tabTo(/^Publish version 1$/, { limit: 20 });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByText('Published as version 1.').waitFor();
    await context.close();
  }, 300_000);
});
