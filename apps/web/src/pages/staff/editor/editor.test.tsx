import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n';
import { fakeApi, renderApp } from '../../../test/render';
import { makeStaff } from '../../../test/fixtures';
import { giftErrorLine } from './QuizEditor';
import { isoToZoned, slugify, zonedToIso, type ModuleInput } from './model';

// The editor is a lazily loaded route with the schema and the GIFT parser in it: its first load takes a moment.
configure({ asyncUtilTimeout: 20_000 });
// Each keystroke re-checks the whole document against the schema, and happy-dom types slowly.
vi.setConfig({ testTimeout: 120_000 });

const staffUser = makeStaff();

/** A valid draft: one unit with a lesson, and a quiz with a single-choice question. */
const draft = (): ModuleInput => ({
  slug: 'banking',
  title: { en: 'Banking', fr: 'Les banques' },
  summary: { en: 'Money.', fr: 'L’argent.' },
  certificate: { enabled: true, cpdHours: 2 },
  opensAt: null,
  closesAt: null,
  tracks: [],
  units: [
    {
      key: 'u1',
      title: { en: 'Basics', fr: 'Les bases' },
      tracks: [],
      items: [
        {
          key: 'read',
          kind: 'lesson',
          title: { en: 'Read', fr: 'Lire' },
          body: { en: '**Bold** words', fr: 'Des mots' },
        },
        {
          key: 'check',
          kind: 'quiz',
          title: { en: 'Check', fr: 'Vérifier' },
          passMark: 50,
          questions: [
            {
              key: 'q1',
              type: 'single',
              prompt: { en: 'Which?', fr: 'Laquelle?' },
              options: [
                { key: 'a', text: { en: 'A', fr: 'A fr' }, correct: true },
                { key: 'b', text: { en: 'B', fr: 'B fr' } },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'u2',
      title: { en: 'Second', fr: 'Deuxième' },
      tracks: [],
      items: [
        {
          key: 'live',
          kind: 'event',
          title: { en: 'Live', fr: 'En direct' },
          startsAt: '2026-03-04T18:00:00-05:00',
          endsAt: '2026-03-04T19:00:00-05:00',
          joinUrl: 'https://meet.example.org/x',
        },
      ],
    },
  ],
});

const problem = (status: number, message: string[], extra: Record<string, unknown> = {}) => ({
  status,
  body: { statusCode: status, error: 'Error', message, ...extra },
});

/** The API of an existing draft; `put` answers each PUT. */
function serveDraft(
  document: ModuleInput,
  put?: (body: unknown, headers: Record<string, string>) => ReturnType<typeof problem> | undefined,
) {
  let current = { ...document, revision: 'r1', updatedBy: { id: 's2', name: 'Marie Staff' } };
  return fakeApi((url, init) => {
    const method = init.method ?? 'GET';
    if (url.pathname === '/api/auth/me') return { body: staffUser };
    if (url.pathname === `/api/modules/${document.slug}/document`) return { body: current };
    if (url.pathname === `/api/modules/${document.slug}` && method === 'PUT') {
      const body = JSON.parse(String(init.body));
      const answer = put?.(body, init.headers as Record<string, string>);
      if (answer) return answer;
      current = {
        ...body,
        revision: `r${Number(current.revision.slice(1)) + 1}`,
        updatedBy: staffUser,
        publishedVersion: null,
      };
      return { body: {} };
    }
    if (url.pathname === `/api/modules/${document.slug}/changes`)
      return { body: { publishedVersion: null, changes: [] } };
    if (url.pathname === `/api/modules/${document.slug}/versions`) return { body: [] };
  });
}

beforeEach(async () => {
  await act(() => i18n.changeLanguage('en'));
});

describe('the editor’s rules', () => {
  it('derives slugs the schema accepts', () => {
    expect(slugify('Banking for Producers: Année 2!')).toBe('banking-for-producers-annee-2');
    expect(slugify('  --  ')).toBe('');
  });

  it('reads and writes times in the program’s zone, daylight saving included', () => {
    expect(zonedToIso('2026-03-04T18:00', 'America/Toronto')).toBe('2026-03-04T18:00:00-05:00');
    expect(zonedToIso('2026-07-04T18:00', 'America/Toronto')).toBe('2026-07-04T18:00:00-04:00');
    expect(isoToZoned('2026-03-04T23:00:00Z', 'America/Toronto')).toBe('2026-03-04T18:00');
    expect(isoToZoned('not a date', 'America/Toronto')).toBe('');
  });

  it('finds the line of a GIFT syntax error', () => {
    expect(giftErrorLine('GIFT syntax error at line 3, column 5: Expected …')).toBe(3);
    expect(giftErrorLine('question "q1": no right answer')).toBeNull();
  });
});

describe('a new module', () => {
  it('derives the slug from the English title, counts missing French, and flags problems where they are', async () => {
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { body: staffUser };
      if (url.pathname === '/api/modules') return { body: [] };
    });
    renderApp('/staff/modules/new');
    await screen.findByRole('heading', { level: 1, name: 'New module' });
    const module = screen.getByRole('region', { name: 'Module' });
    fireEvent.change(within(module).getByLabelText(/^Title \(English\)/), { target: { value: 'Green Sets' } });
    expect((within(module).getByLabelText(/^Slug/) as HTMLInputElement).value).toBe('green-sets');
    expect(screen.getByText('French: 1 text missing')).toBeTruthy();
    expect(within(module).getAllByText('French text missing')).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    // Nothing reaches the server while the schema finds problems; each is shown at its field.
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
    const summary = within(module).getByLabelText(/^Summary \(English\)/);
    expect(summary.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/problems to fix before the draft can be saved/)).toBeTruthy();
    expect(
      within(screen.getByRole('region', { name: 'Units' })).getByText('a module needs at least one unit'),
    ).toBeTruthy();
    fireEvent.change(summary, { target: { value: 'Interim financing.' } });
    expect(summary.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('builds units and items, and saves the draft on its own once it is valid', async () => {
    const calls = fakeApi((url, init) => {
      if (url.pathname === '/api/auth/me') return { body: staffUser };
      if (url.pathname === '/api/modules' && init.method === 'POST') return { status: 201, body: {} };
      if (url.pathname === '/api/modules') return { body: [] };
      if (url.pathname === '/api/modules/green/document')
        return {
          body: { ...(calls.find((c) => c.method === 'POST')!.body as object), revision: 'r1', updatedBy: staffUser },
        };
      if (url.pathname === '/api/modules/green/changes')
        return {
          body: {
            publishedVersion: null,
            changes: [{ kind: 'added', path: 'units[0]', title: 'One', affectsGrading: false }],
          },
        };
      if (url.pathname === '/api/modules/green/versions') return { body: [] };
    });
    renderApp('/staff/modules/new');
    const module = await screen.findByRole('region', { name: 'Module' });
    fireEvent.change(within(module).getByLabelText(/^Title \(English\)/), { target: { value: 'Green' } });
    fireEvent.change(within(module).getByLabelText(/^Summary \(English\)/), { target: { value: 'Sets.' } });
    await userEvent.click(screen.getByRole('button', { name: 'Add unit' }));
    const unit = screen.getByRole('region', { name: /^Unit 1/ });
    fireEvent.change(within(unit).getByLabelText(/^Title \(English\)/), { target: { value: 'One' } });
    await userEvent.click(within(unit).getByRole('button', { name: 'Add lesson' }));
    const lesson = within(unit).getByRole('region', { name: '(untitled)' });
    fireEvent.change(within(lesson).getAllByLabelText(/^Title \(English\)/)[0], { target: { value: 'Read me' } });
    fireEvent.change(within(lesson).getByLabelText(/^Lesson text \(English\)/), {
      target: { value: 'Intro\n\n# Hello\n\n**strong** <script>x()</script>' },
    });
    // The live preview is the learning view's: Markdown rendered, script gone, headings under the lesson's.
    await waitFor(() => expect(lesson.querySelector('.lesson-body strong')?.textContent).toBe('strong'));
    expect(lesson.querySelector('.lesson-body script')).toBeNull();
    expect(lesson.querySelector('.lesson-body h3')?.textContent).toBe('Hello');

    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true), { timeout: 4000 });
    const sent = calls.find((call) => call.method === 'POST')!.body as ModuleInput;
    expect(sent.slug).toBe('green');
    expect(sent.units[0].items[0]).toMatchObject({ kind: 'lesson', title: { en: 'Read me' } });
    await screen.findByRole('heading', { level: 1, name: 'Edit “Green”' });
    await screen.findByText('All changes saved');
    expect(screen.getByRole('button', { name: 'Publish' })).toBeTruthy();
    // Moving from /new to the module's address kept the editor as it was: the same fields, not a reload.
    expect(lesson.isConnected).toBe(true);
    const paths = calls.map((call) => call.path);
    // The one read of the document is the new revision right after the POST, and no request names no module.
    expect(paths.filter((path) => path.startsWith('/api/modules/green/document'))).toHaveLength(1);
    expect(paths.filter((path) => path.includes('undefined'))).toEqual([]);
  });
});

describe('an existing draft', () => {
  it('reorders units with the move buttons and asks before removing a unit that holds items', async () => {
    const calls = serveDraft(draft());
    renderApp('/staff/modules/banking/edit');
    await screen.findByRole('heading', { level: 1, name: 'Edit “Banking”' });
    await userEvent.click(screen.getByRole('button', { name: 'Move down: Unit 1: Basics' }));
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toContain('Unit 1: Second');
    await userEvent.click(screen.getByRole('button', { name: 'Remove Unit 2: Basics' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('It holds 2 items');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove the unit and its items' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: /Basics/ })).toBeNull());
    expect(screen.getByRole('region', { name: 'Unit 1: Second' })).toBeTruthy();
    // The change is saved on its own, with the revision the draft was opened at.
    const puts = () => calls.filter((call) => call.method === 'PUT');
    await waitFor(
      () => expect((puts().at(-1)?.body as ModuleInput | undefined)?.units.map((u) => u.key)).toEqual(['u2']),
      {
        timeout: 6000,
      },
    );
    expect(puts()[0].headers['if-match']).toBe('r1');
  });

  it('builds every question type and keeps a single-choice question to one right answer', async () => {
    serveDraft(draft());
    renderApp('/staff/modules/banking/edit');
    const question = await screen.findByRole('region', { name: 'Question 1' });
    await userEvent.click(within(question).getByRole('checkbox', { name: 'Right answer: B' }));
    expect((within(question).getByRole('checkbox', { name: 'Right answer: A' }) as HTMLInputElement).checked).toBe(
      false,
    );

    const type = within(question).getByLabelText('Question type');
    await userEvent.selectOptions(type, 'numeric');
    expect(within(question).getByLabelText(/^Tolerance/)).toBeTruthy();
    expect(
      within(question).getByText('a numeric question needs an answer, a range, or one of its answers worth 100'),
    ).toBeTruthy();
    fireEvent.change(within(question).getByLabelText(/^Answer/), { target: { value: '7.1' } });
    expect(
      within(question).queryByText('a numeric question needs an answer, a range, or one of its answers worth 100'),
    ).toBeNull();
    // The prompt stays when the type changes.
    await userEvent.selectOptions(type, 'short');
    expect((within(question).getByLabelText(/^Prompt \(English\)/) as HTMLTextAreaElement).value).toBe('Which?');
    expect(within(question).getByLabelText(/^Accepted answer \(English\)/)).toBeTruthy();
    await userEvent.selectOptions(type, 'truefalse');
    expect(within(question).getByRole('radio', { name: 'True' })).toBeTruthy();
    await userEvent.selectOptions(type, 'multiple');
    expect(within(question).getAllByLabelText(/^Option \(English\)/)).toHaveLength(2);
  });

  it('adds and removes matching distractors, in both languages, and saves them as GIFT’s empty-left choices', async () => {
    const calls = serveDraft(draft());
    renderApp('/staff/modules/banking/edit');
    const question = await screen.findByRole('region', { name: 'Question 1' });
    await userEvent.selectOptions(within(question).getByLabelText('Question type'), 'matching');
    const pairs = [
      ['Canada', 'Canada', 'Ottawa', 'Ottawa'],
      ['Italy', 'Italie', 'Rome', 'Rome'],
    ];
    pairs.forEach(([leftEn, leftFr, rightEn, rightFr], index) => {
      const pair = within(question).getByRole('group', { name: `Pair ${index + 1}` });
      fireEvent.change(within(pair).getByLabelText(/^Item \(English\)/), { target: { value: leftEn } });
      fireEvent.change(within(pair).getByLabelText(/^Item \(French\)/), { target: { value: leftFr } });
      fireEvent.change(within(pair).getByLabelText(/^Its match \(English\)/), { target: { value: rightEn } });
      fireEvent.change(within(pair).getByLabelText(/^Its match \(French\)/), { target: { value: rightFr } });
    });
    await userEvent.click(within(question).getByRole('button', { name: 'Add extra choice' }));
    await userEvent.click(within(question).getByRole('button', { name: 'Add extra choice' }));
    // An empty extra choice is a problem at its own field, so the draft waits for it.
    const firstExtra = within(question).getAllByLabelText(/^Extra choice \(English\)/)[0];
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(firstExtra.getAttribute('aria-invalid')).toBe('true'));
    fireEvent.change(firstExtra, { target: { value: 'Paris' } });
    fireEvent.change(within(question).getAllByLabelText(/^Extra choice \(French\)/)[0], {
      target: { value: 'Paris' },
    });
    await userEvent.click(within(question).getByRole('button', { name: 'Remove extra choice 2' }));
    expect(within(question).getAllByLabelText(/^Extra choice \(English\)/)).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    const saved = () =>
      (calls.filter((call) => call.method === 'PUT').at(-1)?.body as ModuleInput | undefined)?.units[0].items[1];
    await waitFor(() =>
      expect(saved()).toMatchObject({
        questions: [
          {
            type: 'matching',
            pairs: [
              { left: { en: 'Canada', fr: 'Canada' }, right: { en: 'Ottawa', fr: 'Ottawa' } },
              { left: { en: 'Italy', fr: 'Italie' }, right: { en: 'Rome', fr: 'Rome' } },
            ],
            distractors: [{ en: 'Paris', fr: 'Paris' }],
          },
        ],
      }),
    );
    // The last one removed, the question has no distractors at all (not an empty list).
    await userEvent.click(within(question).getByRole('button', { name: 'Remove extra choice 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => {
      const quiz = saved() as { questions: Record<string, unknown>[] };
      expect(quiz.questions[0].pairs).toHaveLength(2);
      expect('distractors' in quiz.questions[0]).toBe(false);
    });
  });

  it('parses pasted GIFT live and shows a syntax error with its line', async () => {
    serveDraft(draft());
    renderApp('/staff/modules/banking/edit');
    const quiz = await screen.findByRole('region', { name: 'Check' });
    const gift = within(quiz).getByLabelText(/^GIFT \(English\)/);
    fireEvent.change(gift, {
      target: { value: '::g1:: Banks lend against tax credits. {T}\n\n::g2:: Broken { =a ~b' },
    });
    const preview = await within(quiz).findByRole('region', { name: /The GIFT holds/ });
    await waitFor(() => expect(preview.textContent).toContain('Line 3'));
    expect(preview.textContent).toContain('::g2:: Broken { =a ~b');
    fireEvent.change(gift, { target: { value: '::g1:: Banks lend against tax credits. {T}' } });
    await waitFor(() => expect(preview.textContent).toContain('The GIFT holds 1 question'));
    expect(preview.textContent).toContain('Banks lend against tax credits.');
  });

  it('shows a server problem next to the field it names', async () => {
    serveDraft(draft(), () => problem(400, ['units[0].items[0].title.en: is not allowed here']));
    renderApp('/staff/modules/banking/edit');
    const lesson = await screen.findByRole('region', { name: 'Read' });
    fireEvent.change(within(lesson).getByLabelText(/^Title \(French\)/), { target: { value: '!' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    const field = await within(lesson).findByLabelText(/^Title \(English\)/);
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(within(lesson).getByText('is not allowed here')).toBeTruthy();
  });

  it('says who saved in between when a save is stale, keeps the text, and reloads theirs on request', async () => {
    // Someone saved revision r9 after this editor opened r1: every save against r1 is refused.
    const calls = serveDraft(draft(), (_body, headers) =>
      headers['if-match'] === 'r9'
        ? undefined
        : problem(409, ['The draft changed since you opened it'], {
            code: 'DRAFT_CONFLICT',
            revision: 'r9',
            updatedBy: { id: 's3', name: 'Jean Coordinator' },
            updatedAt: '2026-03-01T15:00:00Z',
          }),
    );
    renderApp('/staff/modules/banking/edit');
    const module = await screen.findByRole('region', { name: 'Module' });
    const title = within(module).getByLabelText(/^Title \(English\)/);
    await userEvent.clear(title);
    fireEvent.change(title, { target: { value: 'Mine' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Jean Coordinator saved this module');
    expect((title as HTMLInputElement).value).toBe('Mine');
    expect(screen.getByText('Not saved: someone else changed this draft')).toBeTruthy();
    expect(calls.filter((call) => call.method === 'PUT').every((call) => call.headers['if-match'] === 'r1')).toBe(true);
    await userEvent.click(within(alert).getByRole('button', { name: 'Load their version' }));
    await waitFor(() =>
      expect((within(module).getByLabelText(/^Title \(English\)/) as HTMLInputElement).value).toBe('Banking'),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sets how many months its certificates stay valid, refuses what the schema does, and clears it', async () => {
    const calls = serveDraft(draft());
    renderApp('/staff/modules/banking/edit');
    const module = await screen.findByRole('region', { name: 'Module' });
    const months = within(module).getByLabelText(/^Valid for \(months\)/);
    fireEvent.change(months, { target: { value: '0' } });
    await waitFor(() => expect(months.getAttribute('aria-invalid')).toBe('true'));
    expect(within(module).getByText('must be at least 1 month')).toBeTruthy();

    fireEvent.change(months, { target: { value: '24' } });
    await waitFor(() => expect(months.getAttribute('aria-invalid')).not.toBe('true'));
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    const saved = () => calls.filter((call) => call.method === 'PUT').map((call) => call.body as ModuleInput);
    await waitFor(() =>
      expect(saved().at(-1)?.certificate).toEqual({ enabled: true, cpdHours: 2, validForMonths: 24 }),
    );

    fireEvent.change(months, { target: { value: '' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(saved().at(-1)?.certificate).toMatchObject({ validForMonths: null }));
  });

  it('asks before leaving with unsaved changes', async () => {
    serveDraft(draft(), () => problem(500, ['down']));
    renderApp('/staff/modules/banking/edit');
    const module = await screen.findByRole('region', { name: 'Module' });
    fireEvent.change(within(module).getByLabelText(/^Title \(French\)/), { target: { value: '!' } });
    await userEvent.click(screen.getByRole('link', { name: 'Back to content' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Edit “Banking”' })).toBeTruthy();
  });
});

describe('publishing', () => {
  it('lists the changes, grading ones first, and the version it becomes', async () => {
    const calls = fakeApi((url, init) => {
      if (url.pathname === '/api/auth/me') return { body: staffUser };
      if (url.pathname === '/api/modules')
        return {
          body: [
            {
              id: '1',
              slug: 'banking',
              title: 'Banking',
              summary: '',
              unitCount: 1,
              tracks: [],
              certificate: { enabled: true, cpdHours: 1 },
              status: 'published',
              version: 2,
              hasUnpublishedChanges: true,
              frenchMissing: 3,
            },
            {
              id: '2',
              slug: 'green',
              title: 'Green',
              summary: '',
              unitCount: 1,
              tracks: [],
              certificate: { enabled: true, cpdHours: 1 },
              status: 'published',
              version: 1,
              hasUnpublishedChanges: false,
              frenchMissing: 0,
            },
          ],
        };
      if (url.pathname === '/api/modules/banking/changes')
        return {
          body: {
            publishedVersion: 2,
            changes: [
              { kind: 'added', path: 'units[1]', title: 'New unit', affectsGrading: false },
              { kind: 'changed', path: 'units[0].items[1].questions[0]', title: 'Which?', affectsGrading: true },
            ],
          },
        };
      if (url.pathname === '/api/modules/banking/publish' && init.method === 'POST')
        return { status: 201, body: { version: 3 } };
    });
    renderApp('/staff/content');
    await screen.findByRole('heading', { level: 1, name: 'Content' });
    expect(screen.getByRole('link', { name: 'New module' }).getAttribute('href')).toBe('/staff/modules/new');
    await screen.findByText('French: 3 texts missing');
    expect(screen.getByText('French: complete')).toBeTruthy();
    // Only a module with unpublished changes offers Publish.
    expect(screen.queryByRole('button', { name: 'Publish Green' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Publish Banking' }));
    const dialog = await screen.findByRole('dialog');
    const items = await within(dialog).findAllByRole('listitem');
    expect(items[0].textContent).toContain('Which?');
    expect(items[0].textContent).toContain('Affects grading');
    expect(dialog.textContent).toContain(
      'Members already enrolled stay on their version; new enrolments get version 3.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Publish version 3' }));
    await screen.findByText('Published as version 3.');
    expect(calls.filter((call) => call.path === '/api/modules/banking/publish')).toHaveLength(1);
  });

  it('opens an uploaded file in the editor for review instead of saving it', async () => {
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { body: staffUser };
      if (url.pathname === '/api/modules') return { body: [] };
    });
    renderApp('/staff/content');
    await screen.findByRole('heading', { level: 1, name: 'Content' });
    const yaml = 'slug: fresh\ntitle: {en: Fresh start}\nsummary: Hi\nunits: []\n';
    await userEvent.upload(
      document.querySelector('input[type=file]') as HTMLInputElement,
      new File([yaml], 'fresh.yaml'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await screen.findByRole('heading', { level: 1, name: 'New module' });
    expect(screen.getByText(/The uploaded file is open for review/)).toBeTruthy();
    const module = screen.getByRole('region', { name: 'Module' });
    expect((within(module).getByLabelText(/^Title \(English\)/) as HTMLInputElement).value).toBe('Fresh start');
    expect(
      within(screen.getByRole('region', { name: 'Units' })).getByText('a module needs at least one unit'),
    ).toBeTruthy();
    expect(calls.some((call) => call.method !== 'GET')).toBe(false);
  });
});
