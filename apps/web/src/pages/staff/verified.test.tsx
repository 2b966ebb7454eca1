import { screen, within } from '@testing-library/react';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { fakeApi, renderApp } from '../../test/render';
import { makeMember, makeStaff } from '../../test/fixtures';

const staff = makeStaff();
const proven = makeMember();
const unproven = {
  id: 'u2',
  email: 'bo@example.org',
  name: 'Bo Chen',
  role: 'member',
  locale: 'fr',
  emailVerified: false,
};

beforeEach(async () => {
  await act(() => i18n.changeLanguage('en'));
});

describe('staff see whether a member’s email is confirmed', () => {
  it('in the list of people', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { body: staff };
      if (url.pathname === '/api/users') return { body: { items: [proven, unproven], total: 2 } };
    });
    renderApp('/staff/users');
    const ana = (await screen.findByRole('rowheader', { name: 'Ana Lima' })).closest('tr')!;
    expect(within(ana).getByText('Email confirmed')).toBeTruthy();
    const bo = screen.getByRole('rowheader', { name: 'Bo Chen' }).closest('tr')!;
    expect(within(bo).getByText('Email not confirmed')).toBeTruthy();
  });

  it('on a member’s page', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { body: staff };
      if (url.pathname === '/api/members/u2')
        return {
          body: { user: unproven, enrolments: [], certificates: [], messages: [], audit: [], unsubscribedAt: null },
        };
    });
    renderApp('/staff/members/u2');
    expect(await screen.findByRole('heading', { level: 1, name: 'Bo Chen' })).toBeTruthy();
    expect(screen.getByText('Email not confirmed')).toBeTruthy();
  });
});
