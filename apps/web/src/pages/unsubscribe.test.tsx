import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { fakeApi, renderApp } from '../test/render';

beforeEach(async () => {
  await act(() => i18n.changeLanguage('en'));
});

const anonymous = { status: 401, body: { statusCode: 401, message: 'no' } };

describe('the unsubscribe page', () => {
  it('changes nothing on arrival, and stops reminders with the button, signed out', async () => {
    let unsubscribedAt: string | null = null;
    const calls = fakeApi((url, init) => {
      if (url.pathname === '/api/auth/me') return anonymous;
      if (url.pathname === '/api/unsubscribe/tok-1') {
        if (init.method === 'POST') unsubscribedAt = '2026-12-01T14:00:00Z';
        return { body: { unsubscribed: unsubscribedAt !== null, unsubscribedAt } };
      }
    });
    renderApp('/unsubscribe/tok-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Reminders by email' })).toBeTruthy();
    const stop = await screen.findByRole('button', { name: 'Stop reminders' });
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    await userEvent.setup().click(stop);
    expect(await screen.findByRole('status', { name: /You no longer get reminders/ })).toBeTruthy();
    expect(screen.getByText(/Stopped on/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop reminders' })).toBeNull();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/unsubscribe/tok-1']);
  });

  // The link's ?lang= picks the language as the page boots (i18n/index.ts); here it is set directly.
  it('speaks French, and says when a link is not one we sent', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return anonymous;
      if (url.pathname === '/api/unsubscribe/spent')
        return { body: { unsubscribed: true, unsubscribedAt: '2026-11-02T10:00:00Z' } };
      if (url.pathname === '/api/unsubscribe/cut')
        return { status: 404, body: { statusCode: 404, message: 'Not found' } };
    });
    await act(() => i18n.changeLanguage('fr'));
    const first = renderApp('/unsubscribe/spent');
    expect(await screen.findByRole('heading', { level: 1, name: 'Rappels par courriel' })).toBeTruthy();
    expect(await screen.findByText('Vous ne recevez plus de rappels')).toBeTruthy();
    first.unmount();
    await act(() => i18n.changeLanguage('en'));
    renderApp('/unsubscribe/cut');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('This link does not work'));
    expect(screen.queryByRole('button', { name: 'Stop reminders' })).toBeNull();
  });
});
