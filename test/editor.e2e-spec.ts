/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { QUESTION_TYPES } from '@greenlight/content';
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
      } else {
        // The member followed their mailed link (attendance credits only proven addresses).
        await web.db.pool.query('UPDATE auth.users SET email_verified_at = now() WHERE id = $1', [
          registered.body.user.id,
        ]);
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

  /**
   * Writes a text in both languages, English first as an author would. A card named by its English
   * title is renamed as it is typed: `renamed` is where the French field is then.
   */
  async function bilingual(scope: Locator, label: string, english: string, french: string, renamed = scope) {
    await scope.getByLabel(en(label)).fill(english);
    await renamed.getByLabel(fr(label)).fill(french);
  }

  /** The quiz the journey builds, answered in the learning view in one language (`right`: all right, else 4 of 6). */
  async function answerQuiz(page: Page, language: 'en' | 'fr', right: boolean) {
    const text = {
      en: { diesel: 'Diesel', grid: 'Grid power', batteries: 'Batteries', solar: 'Solar panels', yes: 'True' },
      fr: {
        diesel: 'Le diesel',
        grid: 'Le réseau',
        batteries: 'Les batteries',
        solar: 'Les panneaux solaires',
        yes: 'Vrai',
      },
    }[language];
    await page.getByRole('radio', { name: right ? text.grid : text.diesel, exact: true }).check();
    await page.getByRole('checkbox', { name: text.batteries }).check();
    await page.getByRole('checkbox', { name: text.solar }).check();
    await page.getByRole('radio', { name: text.yes, exact: true }).check();
    await page
      .getByLabel(language === 'en' ? /cleanest power source/ : /source la plus propre/)
      .fill(language === 'en' ? 'Grid' : 'Réseau');
    await page.getByLabel(language === 'en' ? /hours in a shoot day/ : /dure un tournage/).fill(right ? '12.5' : '20');
    const matches =
      language === 'en'
        ? [
            ['Generator', 'Diesel'],
            ['Hybrid truck', 'Battery'],
          ]
        : [
            ['Génératrice', 'Diesel'],
            ['Camion hybride', 'Batterie'],
          ];
    for (const [item, choice] of matches) {
      await page.getByRole('combobox', { name: item }).selectOption({ label: choice });
    }
  }

  /** Presses Tab (or Shift+Tab) until the focused element has this accessible name (label, aria-label or text). */
  const tabbing = (page: Page) =>
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
    };

  it('lets staff build a bilingual module in the browser, preview and publish it, and a member complete it', async () => {
    const title = `Green Sets ${run}`;
    const slug = `green-sets-${run}`;
    const { context, page } = await signedIn(staff);
    await page.goto('/staff/content');
    await page.getByRole('link', { name: 'New module' }).click();
    await page.getByRole('heading', { level: 1, name: 'New module' }).waitFor();
    await expectAccessible(page, 'new module');

    // The module: texts side by side, the slug following the English title, two tracks.
    const module = page.getByRole('region', { name: 'Module' });
    await bilingual(module, 'Title', title, `Plateaux verts ${run}`);
    expect(await module.getByLabel(/^Slug/).inputValue()).toBe(slug);
    await bilingual(module, 'Summary', 'Running a **green** set.', 'Un plateau **vert**.');
    await module.getByLabel(/^CPD hours/).fill('3');
    await page.getByText('French: complete').waitFor();
    const tracks = [
      ['New and emerging producers', 'Productrices et producteurs émergents'],
      ['Established producers', 'Productrices et producteurs établis'],
    ];
    for (const [index, [english, french]] of tracks.entries()) {
      await module.getByRole('button', { name: 'Add track' }).click();
      const track = module.getByRole('group', { name: `Track: Track ${index + 1}` });
      await bilingual(track, 'Title', english, french, module.getByRole('group', { name: `Track: ${english}` }));
    }

    // A first unit with a lesson, its Markdown previewed as members will read it.
    const unit = (n: number, name: string) => page.getByRole('region', { name: `Unit ${n}: ${name}` });
    const addUnit = async (n: number, english: string, french: string) => {
      await page.getByRole('button', { name: 'Add unit' }).click();
      await bilingual(unit(n, '(untitled)'), 'Title', english, french, unit(n, english));
      return unit(n, english);
    };
    const first = await addUnit(1, 'Why it matters', 'Pourquoi c’est important');
    await first.getByRole('button', { name: 'Add lesson' }).click();
    const read = first.getByRole('region', { name: 'Carbon on set' });
    await bilingual(
      first.getByRole('region', { name: '(untitled)' }),
      'Title',
      'Carbon on set',
      'Le carbone sur le plateau',
      read,
    );
    await bilingual(
      read,
      'Lesson text',
      'Generators burn **diesel**.\n\n## Swap them\n\nUse grid power.',
      'Les génératrices brûlent du **diesel**.\n\n## Remplacez-les\n\nBranchez-vous au réseau.',
    );
    await read.locator('.lesson-body strong', { hasText: 'diesel' }).waitFor();
    await read.locator('.lesson-body h3', { hasText: 'Swap them' }).waitFor();
    await read.getByLabel(/^Estimated minutes/).fill('10');

    // The module is valid now: saved on its own, and the address becomes the module's.
    await page.waitForURL(`**/staff/modules/${slug}/edit`, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: `Edit “${title}”` }).waitFor();
    await page.getByText('All changes saved').waitFor();
    await expectAccessible(page, 'editor after the first save');
    // Opened again at its new address (the history entry the first save left), the draft loads.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Edit “${title}”` }).waitFor();
    expect(await read.getByLabel(fr('Lesson text')).inputValue()).toContain('Branchez-vous au réseau.');

    // A second unit with a quiz holding every question type.
    const second = await addUnit(2, 'Check yourself', 'Vérifiez vos acquis');
    await second.getByRole('button', { name: 'Add quiz' }).click();
    const quiz = second.getByRole('region', { name: 'Green quiz' });
    await bilingual(second.getByRole('region', { name: '(untitled)' }), 'Title', 'Green quiz', 'Quiz vert', quiz);
    await quiz.getByLabel(/^Pass mark/).fill('80');
    const question = async (n: number, type: string, english: string, french: string) => {
      await quiz.getByRole('button', { name: 'Add question' }).click();
      const region = quiz.getByRole('region', { name: `Question ${n}` });
      await region.getByLabel('Question type').selectOption(type);
      await bilingual(region, 'Prompt', english, french);
      return region;
    };
    const options = async (region: Locator, texts: [string, string, boolean][]) => {
      for (const [index, [english, french, right]] of texts.entries()) {
        if (index >= 2) await region.getByRole('button', { name: 'Add option' }).click();
        const option = region.getByRole('group', { name: `Option ${index + 1}` });
        await bilingual(option, 'Option', english, french);
        const box = option.getByRole('checkbox', { name: `Right answer: ${english}` });
        if ((await box.isChecked()) !== right) await box.click();
      }
    };
    const single = await question(1, 'single', 'What burns least?', 'Qu’est-ce qui brûle le moins ?');
    await options(single, [
      ['Diesel', 'Le diesel', false],
      ['Grid power', 'Le réseau', true],
    ]);
    await bilingual(
      single.getByRole('group', { name: 'Option 1' }),
      'Feedback for this option',
      'Diesel burns most.',
      'Le diesel brûle le plus.',
    );
    const multiple = await question(2, 'multiple', 'Which save fuel?', 'Lesquels économisent du carburant ?');
    await options(multiple, [
      ['Batteries', 'Les batteries', true],
      ['Idling trucks', 'Les camions au ralenti', false],
      ['Solar panels', 'Les panneaux solaires', true],
    ]);
    const truefalse = await question(3, 'truefalse', 'LED lights use less power.', 'Les DEL consomment moins.');
    await truefalse.getByRole('radio', { name: 'True' }).check();
    const short = await question(4, 'short', 'Name the cleanest power source.', 'Nommez la source la plus propre.');
    await bilingual(short, 'Accepted answer', 'grid', 'réseau');
    const numeric = await question(
      5,
      'numeric',
      'How many hours in a shoot day?',
      'Combien d’heures dure un tournage ?',
    );
    await numeric.getByLabel(/^Answer/).fill('12');
    await numeric.getByLabel(/^Tolerance/).fill('1');
    await bilingual(numeric, 'Feedback shown after every attempt', 'Unions set 12.', 'Les syndicats fixent 12.');
    const matching = await question(
      6,
      'matching',
      'Match each source with its fuel.',
      'Associez chaque source à son carburant.',
    );
    const pairs = [
      ['Generator', 'Génératrice', 'Diesel', 'Diesel'],
      ['Hybrid truck', 'Camion hybride', 'Battery', 'Batterie'],
    ];
    for (const [index, [left, gauche, right, droite]] of pairs.entries()) {
      const pair = matching.getByRole('group', { name: `Pair ${index + 1}` });
      await bilingual(pair, 'Item', left, gauche);
      await bilingual(pair, 'Its match', right, droite);
    }
    // "Diesel" is the same word in French: marked so, it is not counted as a missing translation.
    const diesel = matching.getByRole('group', { name: 'Pair 1' });
    await diesel.getByText('French text missing').waitFor();
    await diesel.getByRole('checkbox', { name: 'Same in French (a name or a title)' }).check();
    await matching.getByRole('button', { name: 'Add extra choice' }).click();
    await bilingual(matching, 'Extra choice', 'Wind', 'Vent');
    await question(7, 'description', 'That is all for this quiz.', 'C’est tout pour ce quiz.');

    // A third unit, only for established producers, with a live session entered in the program's time zone;
    // a bad join URL is flagged at its field, then fixed.
    const third = await addUnit(3, 'Meet a producer', 'Rencontre avec une productrice');
    await third.getByRole('checkbox', { name: 'Established producers' }).check();
    await third.getByRole('button', { name: 'Add live session' }).click();
    const session = third.getByRole('region', { name: 'Ask a producer' });
    await bilingual(
      third.getByRole('region', { name: '(untitled)' }),
      'Title',
      'Ask a producer',
      'Questions à une productrice',
      session,
    );
    await session.getByText('Time zone: America/Toronto').first().waitFor();
    await session.getByLabel(/^Starts/).fill('2026-03-04T18:00');
    await session.getByLabel(/^Ends/).fill('2026-03-04T19:00');
    const joinUrl = session.getByLabel(/^Join URL/);
    await joinUrl.fill('meet.example.org/green');
    await session.getByText('must be an http(s) URL').waitFor();
    expect(await joinUrl.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'editor with a problem');
    await joinUrl.fill('https://meet.example.org/green');
    await session.getByText('must be an http(s) URL').waitFor({ state: 'detached' });

    await page.getByText('French: complete').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('All changes saved').waitFor();
    await expectAccessible(page, 'editor saved');
    const saved = (await api(web.url, 'GET', `/api/modules/${slug}/document`, undefined, await tokenOf(staff))).body;
    expect(saved.title).toEqual({ en: title, fr: `Plateaux verts ${run}` });
    // Every question type, in the order they were added.
    expect(saved.units[1].items[0].questions.map((q: { type: string }) => q.type)).toEqual([...QUESTION_TYPES]);
    expect(saved.units[1].items[0].questions[5].distractors).toEqual([{ en: 'Wind', fr: 'Vent' }]);
    expect(saved.units[2]).toMatchObject({ tracks: ['track-2'], items: [{ startsAt: '2026-03-04T18:00:00-05:00' }] });

    // Preview as a member: per track, the quiz graded against the draft, nothing recorded.
    await page.getByRole('button', { name: 'Preview as a member' }).click();
    await page.getByRole('heading', { level: 1, name: `Preview: ${title}` }).waitFor();
    await expectAccessible(page, 'preview');
    const nav = page.getByRole('navigation', { name: 'Units and items' });
    await nav.getByRole('link', { name: /Green quiz/ }).waitFor();
    expect(await nav.getByRole('link', { name: /Ask a producer/ }).count()).toBe(0);
    await page.getByLabel('Track to preview').selectOption({ label: 'Established producers' });
    await nav.getByRole('link', { name: /Ask a producer/ }).waitFor();
    await nav.getByRole('link', { name: /Green quiz/ }).click();
    await answerQuiz(page, 'en', false);
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await page.getByText('Diesel burns most.').waitFor();
    await page.getByText('Not passed').first().waitFor();
    await page.getByText('Unions set 12.').waitFor();
    await expectAccessible(page, 'preview graded');
    const enrolments = await web.db.pool.query(`SELECT count(*)::int AS n FROM progress.enrolments`);
    expect(enrolments.rows[0].n).toBe(0);

    // Publish: what changes and the version it becomes; afterwards there is nothing to publish.
    await page.getByRole('link', { name: 'Back to the editor' }).click();
    await page.getByRole('heading', { level: 1, name: `Edit “${title}”` }).waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: `Publish “${title}”` });
    await dialog.getByText(/it becomes version 1/).waitFor();
    await dialog.getByText('Green quiz').first().waitFor();
    await expectAccessible(page, 'publish dialog');
    await dialog.getByRole('button', { name: 'Publish version 1' }).click();
    await dialog.getByText('Published as version 1.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('region', { name: 'Draft' })
      .getByText('Nothing to publish: the draft is the same as the published version.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
    await page.getByRole('region', { name: 'Published versions' }).getByRole('cell', { name: staff.name }).waitFor();
    await expectAccessible(page, 'editor published');

    // A member reads the module in French, completes it, and gets the certificate.
    const learner = await signedIn(member);
    const learn = learner.page;
    await learn.goto(`/modules/${slug}?lang=fr`);
    await learn.getByRole('heading', { level: 1, name: `Plateaux verts ${run}` }).waitFor();
    await learn.getByLabel('Productrices et producteurs établis').check();
    await learn.getByRole('button', { name: 'S’inscrire' }).click();
    await learn.waitForURL(/\/learn\//);
    await learn.getByRole('heading', { level: 2, name: 'Le carbone sur le plateau' }).waitFor();
    await learn.locator('.lesson-body strong', { hasText: 'diesel' }).waitFor();
    await expectAccessible(learn, 'member lesson (fr)');
    await learn.getByRole('button', { name: 'Marquer comme terminé' }).click();
    await learn.getByText('Vous avez terminé cette leçon.').waitFor();
    await learn.getByRole('link', { name: 'Suivant : Quiz vert' }).click();
    await answerQuiz(learn, 'fr', true);
    await learn.getByRole('button', { name: 'Soumettre les réponses' }).click();
    await learn.getByText('Réussi').first().waitFor();
    await expectAccessible(learn, 'member quiz passed (fr)');

    // Staff record the member's attendance at the live session; that completes the module.
    await page.goto(`/staff/modules/${slug}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page
      .getByLabel(/^Live session/)
      .first()
      .click();
    await page.getByRole('option', { name: /Ask a producer/ }).click();
    await page.getByLabel(/^Emails of those who attended/).fill(member.email);
    await page.getByRole('button', { name: 'Record attendance' }).click();
    await page.getByText('Attendance recorded for 1 member.').waitFor();

    await learn.goto('/certificates');
    const card = learn.getByRole('article', { name: `Plateaux verts ${run}` });
    for (let tries = 0; !(await card.isVisible()) && tries < 40; tries += 1) {
      await learn.waitForTimeout(500);
      await learn.reload();
      await learn.getByRole('heading', { level: 1 }).waitFor();
    }
    await card.getByText(member.name).waitFor();
    await expectAccessible(learn, 'member certificate (fr)');
    await context.close();
    await learner.context.close();
  }, 600_000);

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

    const tabTo = tabbing(page);
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
  it('builds a module from a blank page and publishes it with the keyboard alone', async () => {
    const title = `Keyboard Sets ${run}`;
    const { context, page } = await signedIn(staff);
    const tabTo = tabbing(page);
    const type = async (label: RegExp, text: string, options?: { back?: boolean }) => {
      await tabTo(label, options);
      await page.keyboard.type(text);
    };
    await page.goto('/staff/content');
    await tabTo(/^New module$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New module' }).waitFor();

    await type(/^Title \(English\)/, title);
    await type(/^Title \(French\)/, `Plateaux au clavier ${run}`);
    await type(/^Summary \(English\)/, 'Greener sets, step by step.');
    await type(/^Summary \(French\)/, 'Des plateaux plus verts, pas à pas.');

    // A unit and its lesson: each new part opens above the button that added it, so Shift+Tab reaches it.
    await tabTo(/^Add unit$/);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Unit 1: (untitled)' }).waitFor();
    await type(/^Title \(English\)/, 'Power on set', { back: true });
    await type(/^Title \(French\)/, 'L’énergie sur le plateau');
    await tabTo(/^Add lesson$/);
    await page.keyboard.press('Enter');
    const unit = page.getByRole('region', { name: 'Unit 1: Power on set' });
    await unit.getByRole('region', { name: '(untitled)' }).waitFor();
    await type(/^Title \(English\)/, 'Grid before diesel', { back: true });
    await type(/^Title \(French\)/, 'Le réseau avant le diesel');
    await type(/^Lesson text \(English\)/, 'Book **grid power** before the generator.');
    await type(/^Lesson text \(French\)/, 'Réservez le **réseau** avant la génératrice.');
    await unit.getByRole('region', { name: 'Grid before diesel' }).locator('.lesson-body strong').first().waitFor();

    // Valid now: saved on its own, at the module's own address.
    await page.getByRole('heading', { level: 1, name: `Edit “${title}”` }).waitFor();
    await page.getByText('All changes saved').waitFor();
    await page.getByText('French: complete').waitFor();

    // Preview as a member, and back, by keyboard.
    await tabTo(/^Preview as a member$/, { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Preview: ${title}` }).waitFor();
    await page.getByText('Book').first().waitFor();
    await tabTo(/^Back to the editor$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Edit “${title}”` }).waitFor();

    await tabTo(/^Publish$/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByText('it becomes version 1').waitFor();
    await tabTo(/^Publish version 1$/, { limit: 20 });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByText('Published as version 1.').waitFor();
    const slug = new URL(page.url()).pathname.split('/')[3];
    const published = await api(web.url, 'GET', `/api/modules/${slug}`);
    expect(published.status).toBe(200);
    expect(published.body.units[0].items[0].title).toBe('Grid before diesel');
    await context.close();
  }, 300_000);
});
