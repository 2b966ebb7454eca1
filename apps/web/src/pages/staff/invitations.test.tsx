import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ModuleDetail } from '../../api/types';
import i18n from '../../i18n';
import { fakeApi, renderWithProviders } from '../../test/render';
import { InvitationsSection } from './InvitationsSection';

beforeEach(async () => {
  await act(() => i18n.changeLanguage('en'));
});

const module = {
  id: 'm1',
  slug: 'banking',
  title: 'Banking',
  tracks: [
    { key: 'emerging', title: 'Emerging' },
    { key: 'established', title: 'Established' },
  ],
  units: [],
} as unknown as ModuleDetail;

describe('inviting people to a module', () => {
  it('sends the pasted addresses with the track and language, and shows what happened to each', async () => {
    let invited: { email: string; status: string }[] = [];
    const calls = fakeApi((url, init) => {
      if (url.pathname !== '/api/modules/banking/invitations') return undefined;
      if (init.method === 'POST') {
        invited = [{ email: 'new@example.org', status: 'invited' }];
        return {
          body: { enrolled: ['ana@example.org'], invited: ['new@example.org'], alreadyEnrolled: [], invalid: [] },
        };
      }
      return { body: { items: invited.map((i) => ({ ...i, invitedAt: '2026-12-01T10:00:00Z', enrolledAt: null })) } };
    });
    renderWithProviders(<InvitationsSection slug="banking" module={module} />);
    const user = userEvent.setup();
    await user.type(
      screen.getByLabelText(/^Emails to invite/),
      'name,email{enter}Ana,ANA@example.org{enter}New,new@example.org',
    );
    expect(screen.getByText('2 emails found.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send invitations' }));
    expect(await screen.findByText('Choose the track they are enrolled on.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText(/^Track for the invitees/), 'established');
    await user.click(screen.getByRole('button', { name: 'Send invitations' }));

    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Enrolled now (1)');
    expect(status.textContent).toContain('Invited by email (1)');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      emails: ['ana@example.org', 'new@example.org'],
      track: 'established',
      locale: 'en',
    });
    await waitFor(() => expect(screen.getByText('Waiting for sign-up')).toBeTruthy());
  });

  it('sends a mistyped address too, so the results name it instead of dropping it silently', async () => {
    const calls = fakeApi((url, init) => {
      if (url.pathname !== '/api/modules/banking/invitations') return undefined;
      if (init.method === 'POST') {
        return { body: { enrolled: [], invited: ['new@example.org'], alreadyEnrolled: [], invalid: ['bob@example'] } };
      }
      return { body: { items: [] } };
    });
    renderWithProviders(<InvitationsSection slug="banking" module={{ ...module, tracks: [] }} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Emails to invite/), 'new@example.org{enter}bob@example');
    expect(screen.getByText('1 email found. Not an email: bob@example.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send invitations' }));
    const status = await screen.findByRole('status');
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ emails: ['new@example.org', 'bob@example'] });
    const invalid = within(status).getByRole('list', { name: 'Not an email address (1)' });
    expect(within(invalid).getByRole('listitem').textContent).toBe('bob@example');
  });
});
