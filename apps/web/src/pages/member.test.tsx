import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ModuleDetail } from '../api/types';
import i18n from '../i18n';
import { fakeApi, renderApp } from '../test/render';
import { makeEnrolment, makeMember } from '../test/fixtures';

const member = makeMember();
const detail: ModuleDetail = {
  id: 'm1',
  slug: 'banking',
  title: 'Banking for Producers',
  summary: 'Money for films',
  status: 'published',
  version: 2,
  certificate: { enabled: true, cpdHours: 2 },
  opensAt: null,
  closesAt: null,
  tracks: [
    { key: 'emerging', title: 'Emerging producers' },
    { key: 'established', title: 'Established producers' },
  ],
  units: [
    { id: 'u1', key: 'u1', position: 1, title: 'Shared unit', tracks: [], items: [] },
    { id: 'u2', key: 'u2', position: 2, title: 'Only for established', tracks: ['established'], items: [] },
  ],
};
const enrolment = makeEnrolment({
  module: {
    id: 'm1',
    slug: 'banking',
    title: 'Banking for Producers',
    version: 2,
    certificate: { enabled: true, cpdHours: 2 },
    closesAt: null,
  },
  track: 'emerging',
});

beforeEach(async () => {
  await act(() => i18n.changeLanguage('en'));
});

describe('the module page', () => {
  it('asks for a track before enrolling, then enrols on the chosen one', async () => {
    let enrolled = false;
    const calls = fakeApi((url, init) => {
      if (url.pathname === '/api/auth/me') return { body: member };
      if (url.pathname === '/api/modules') return { body: [] };
      if (url.pathname === '/api/modules/banking') return { body: detail };
      if (url.pathname === '/api/me/enrolments') return { body: enrolled ? [enrolment] : [] };
      if (url.pathname === '/api/modules/banking/enrolments' && init.method === 'POST') {
        enrolled = true;
        return { status: 201, body: enrolment };
      }
      if (url.pathname === '/api/enrolments/e1') return { body: enrolment };
      if (url.pathname.endsWith('/attempts')) return { body: [] };
    });
    renderApp('/modules/banking');
    await screen.findByRole('heading', { level: 1, name: 'Banking for Producers' });
    expect(screen.getByText('Only for established')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Enrol' }));
    expect(await screen.findByText('Choose a track to enrol.')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    await userEvent.click(screen.getByRole('radio', { name: 'Emerging producers' }));
    expect(screen.queryByText('Only for established')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Enrol' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ track: 'emerging' }));
  });
});

describe('the profile page', () => {
  it('saves the name printed on certificates and refuses a short new password', async () => {
    const calls = fakeApi((url, init) => {
      if (url.pathname === '/api/auth/me' && init.method === 'PATCH')
        return { body: { ...member, ...(JSON.parse(String(init.body)) as object) } };
      if (url.pathname === '/api/auth/me') return { body: member };
    });
    renderApp('/profile');
    const name = await screen.findByLabelText(/^Name on certificates/);
    await userEvent.clear(name);
    await userEvent.type(name, 'Ana Lima-Tremblay');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ name: 'Ana Lima-Tremblay', locale: 'en' });

    await userEvent.type(screen.getByLabelText(/^Current password/), 'correct horse battery');
    await userEvent.type(screen.getByLabelText(/^New password/), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Change the password' }));
    expect(screen.getByText('The password needs at least 10 characters.')).toBeTruthy();
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
  });
});
