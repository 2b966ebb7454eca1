import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QuizItem } from '../api/types';
import i18n, { LANGUAGE_KEY } from '../i18n';
import { fakeApi, renderApp, renderWithProviders } from '../test/render';
import { makeMember } from '../test/fixtures';
import { QuizView } from './learn/QuizView';

const quiz: QuizItem = {
  id: 'quiz-1',
  key: 'check',
  kind: 'quiz',
  title: 'Check',
  passMark: 70,
  maxAttempts: 3,
  questions: [
    {
      id: 'q1',
      key: 'q1',
      type: 'single',
      prompt: 'Who lends?',
      format: 'plain',
      options: [
        { id: 'o1', key: 'a', text: 'A bank' },
        { id: 'o2', key: 'b', text: 'A cat' },
      ],
    },
    { id: 'q2', key: 'q2', type: 'truefalse', prompt: 'Interest is free.', format: 'plain' },
    { id: 'q3', key: 'q3', type: 'numeric', prompt: 'Rate?', format: 'plain' },
  ],
};

const member = makeMember();
const moduleSummary = {
  id: 'm1',
  slug: 'banking',
  title: 'Banking for Producers',
  summary: 'Money for films',
  unitCount: 3,
  tracks: [
    { key: 'emerging', title: 'Emerging producers' },
    { key: 'established', title: 'Established producers' },
  ],
  certificate: { enabled: true, cpdHours: 4.5 },
  opensAt: null,
  closesAt: null,
};

beforeEach(async () => {
  window.localStorage.clear();
  await act(() => i18n.changeLanguage('en'));
});
afterEach(() => vi.restoreAllMocks());

describe('the quiz form', () => {
  it('asks for every answer before sending, then sends typed answers', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(
      <QuizView item={quiz} done={false} pending={false} error={null} attempt={undefined} onSubmit={onSubmit} />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText('Answer this question.')).toHaveLength(3);

    await user.click(screen.getByRole('radio', { name: 'A bank' }));
    await user.click(screen.getByRole('radio', { name: 'False' }));
    await user.type(screen.getByRole('textbox', { name: /Rate\?/ }), '7.5');
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect(onSubmit).toHaveBeenCalledWith({ q1: 'o1', q2: false, q3: 7.5 });
  });

  it('shows feedback under each question, the score and the attempts left', () => {
    renderWithProviders(
      <QuizView
        item={quiz}
        done={false}
        pending={false}
        error={null}
        onSubmit={() => undefined}
        attempt={{
          score: 33.3,
          passed: false,
          attemptsLeft: 2,
          answers: {},
          results: [
            { questionId: 'q1', correct: true, feedback: 'Banks lend.' },
            { questionId: 'q2', correct: false, feedback: 'Interest costs money.' },
            { questionId: 'q3', correct: false },
          ],
        }}
      />,
    );
    expect(screen.getByText('Banks lend.')).toBeTruthy();
    expect(screen.getByText('Interest costs money.')).toBeTruthy();
    expect(screen.getAllByText('Incorrect')).toHaveLength(2);
    expect(screen.getByRole('status').textContent).toContain('Your score: 33 %. 2 attempts left.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('keeps the answers that were graded in the form, so each result reads against its answer', () => {
    renderWithProviders(
      <QuizView
        item={quiz}
        done={false}
        pending={false}
        error={null}
        onSubmit={() => undefined}
        attempt={{
          score: 33.3,
          passed: false,
          attemptsLeft: 2,
          answers: { q1: 'o2', q2: false, q3: 7.1 },
          results: [
            { questionId: 'q1', correct: false },
            { questionId: 'q2', correct: true },
            { questionId: 'q3', correct: false },
          ],
        }}
      />,
    );
    expect((screen.getByRole('radio', { name: 'A cat' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'A bank' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('radio', { name: 'False' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('textbox', { name: /Rate\?/ }) as HTMLInputElement).value).toBe('7.1');
  });

  it('shows a description between questions, pairs matching items with selects and sends the pairs', async () => {
    const onSubmit = vi.fn();
    const matching: QuizItem = {
      ...quiz,
      questions: [
        { id: 'd1', key: 'd1', type: 'description', prompt: 'Read **this** first.', format: 'markdown' },
        {
          id: 'm1',
          key: 'm1',
          type: 'matching',
          prompt: 'Match each country with its capital.',
          format: 'plain',
          items: [
            { id: 'i1', key: 'i1', text: 'Canada' },
            { id: 'i2', key: 'i2', text: 'Italy' },
          ],
          choices: [
            { id: 'c1', text: 'Ottawa' },
            { id: 'c2', text: 'Rome' },
          ],
        },
      ],
    };
    renderWithProviders(
      <QuizView item={matching} done={false} pending={false} error={null} onSubmit={onSubmit} attempt={undefined} />,
    );
    expect(screen.getByText('this').tagName).toBe('STRONG');
    expect(screen.getByRole('group', { name: /1\. Match each country/ })).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Canada' }), 'Ottawa');
    await userEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Italy' }), 'Rome');
    await userEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect(onSubmit).toHaveBeenCalledWith({ m1: { i1: 'c1', i2: 'c2' } });
  });

  it('offers no new attempt when none is left', () => {
    renderWithProviders(
      <QuizView
        item={quiz}
        done={false}
        pending={false}
        error={null}
        onSubmit={() => undefined}
        attempt={{ score: 0, passed: false, attemptsLeft: 0, answers: {}, results: [] }}
      />,
    );
    expect(screen.queryByRole('button', { name: /Try again|Submit/ })).toBeNull();
  });
});

describe('the app', () => {
  it('shows module cards with units, CPD hours and tracks', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { status: 401, body: { statusCode: 401, message: 'no' } };
      if (url.pathname === '/api/modules') return { body: [moduleSummary] };
    });
    renderApp('/');
    const card = await screen.findByRole('article', { name: 'Banking for Producers' });
    expect(card.textContent).toContain('3 units');
    expect(card.textContent).toContain('4.5 CPD hours');
    expect(card.textContent).toContain('Emerging producers · Established producers');
    expect(screen.getByRole('heading', { level: 1, name: 'Modules' })).toBeTruthy();
  });

  it('signs in with the cookie session, keeps no token, and signs out', async () => {
    let signedIn = false;
    const calls = fakeApi((url, init) => {
      if (url.pathname === '/api/auth/me')
        return signedIn ? { body: member } : { status: 401, body: { statusCode: 401, message: 'no' } };
      if (url.pathname === '/api/auth/login') {
        signedIn = true;
        return { body: { user: member, accessToken: 'secret-token' } };
      }
      if (url.pathname === '/api/auth/logout' && init.method === 'POST') {
        signedIn = false;
        return { status: 200 };
      }
      if (url.pathname === '/api/modules') return { body: [] };
    });
    renderApp('/login');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^Email/), 'ana@example.org');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await user.click(screen.getAllByRole('button', { name: 'Sign in' }).at(-1)!);
    expect(await screen.findByText('Signed in as Ana Lima')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/auth/login')?.body).toEqual({
      email: 'ana@example.org',
      password: 'correct horse battery',
    });
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('secret-token');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeTruthy();
  });

  it('switches to French, remembers it, and asks the API for French texts', async () => {
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { status: 401, body: { statusCode: 401, message: 'no' } };
      if (url.pathname === '/api/modules') return { body: [moduleSummary] };
    });
    renderApp('/');
    await screen.findByRole('article', { name: 'Banking for Producers' });
    fireEvent.click(screen.getByText('Français'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Modules' })).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Voir le module')).toBeTruthy());
    expect(screen.getByText('4,5 heures de FPC')).toBeTruthy();
    expect(window.localStorage.getItem(LANGUAGE_KEY)).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/modules' && c.headers['accept-language'] === 'fr')).toBe(true),
    );
  });

  it('sends a member who is not signed in to the sign-in page', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { status: 401, body: { statusCode: 401, message: 'no' } };
    });
    renderApp('/certificates');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in or create an account' })).toBeTruthy();
  });

  it('tells a member that staff pages are not for them', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { body: member };
    });
    renderApp('/staff');
    expect(await screen.findByText('This page is for program staff.')).toBeTruthy();
  });
});

describe('attempts left', () => {
  it('counts down from the maximum and never below zero', async () => {
    const { attemptsLeftAfter } = await import('./learn/QuizContainer');
    expect(attemptsLeftAfter(3, 1)).toBe(2);
    expect(attemptsLeftAfter(3, 5)).toBe(0);
    expect(attemptsLeftAfter(null, 9)).toBeNull();
  });

  it('locks the quiz once it is passed', () => {
    renderWithProviders(
      <QuizView
        item={quiz}
        done={false}
        pending={false}
        error={null}
        onSubmit={() => undefined}
        attempt={{ score: 100, passed: true, attemptsLeft: 1, answers: {}, results: [] }}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain('Passed');
    expect(screen.queryByRole('button', { name: /Try again|Submit/ })).toBeNull();
  });
});
