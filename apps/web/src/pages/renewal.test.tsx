import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Enrolment, ModuleDetail } from '../api/types';
import i18n from '../i18n';
import { makeCertificate, makeEnrolment, makeLesson, makeMember, makeStaff } from '../test/fixtures';
import { fakeApi, renderApp } from '../test/render';

const member = makeMember();
const lesson = makeLesson({ id: 'i1', key: 'read', title: 'Read the rules', body: 'The rules.' });
const detail: ModuleDetail = {
  id: 'm1',
  slug: 'safety',
  status: 'published',
  title: 'Safety on Set',
  summary: 'Every year',
  version: 3,
  certificate: { enabled: true, cpdHours: 2 },
  opensAt: null,
  closesAt: null,
  tracks: [{ key: 'crew', title: 'Crew' }],
  units: [{ id: 'un1', key: 'u1', position: 1, title: 'Rules', tracks: [], items: [lesson] }],
};
const safety = (version: number, closesAt: string | null): Enrolment['module'] => ({
  id: 'm1',
  slug: 'safety',
  title: 'Safety on Set',
  version,
  certificate: { enabled: true, cpdHours: 2 },
  closesAt,
});
const unit = (completed: boolean): Enrolment['units'][number] => ({
  id: 'un1',
  key: 'u1',
  title: 'Rules',
  completed,
  items: [{ id: 'i1', key: 'read', kind: 'lesson', title: 'Read the rules', completed }],
});
const completed = makeEnrolment({
  module: safety(2, null),
  track: 'crew',
  status: 'completed',
  renewable: true,
  enrolledAt: '2025-01-10T00:00:00Z',
  completedAt: '2025-01-12T00:00:00Z',
  progress: { completedItems: 1, totalItems: 1, percent: 100 },
  units: [unit(true)],
});
const renewal: Enrolment = {
  ...completed,
  id: 'e2',
  module: safety(3, '2027-03-31T16:00:00Z'),
  status: 'in_progress',
  renewalOf: 'e1',
  renewable: false,
  enrolledAt: '2026-12-01T00:00:00Z',
  completedAt: null,
  progress: { completedItems: 0, totalItems: 1, percent: 0 },
  units: [unit(false)],
};
const certificate = makeCertificate({
  id: 'c1',
  serial: 'GL-2025-AAAA-BBBB',
  module: { slug: 'safety', title: 'Safety on Set', version: 2 },
  track: 'crew',
  completedAt: '2025-01-12T00:00:00Z',
  issuedAt: '2025-01-12T00:00:00Z',
  validUntil: '2027-01-12T00:00:00Z',
  pdfSha256: 'ab',
  pdfUrl: '/api/certificates/c1/pdf',
});

beforeEach(async () => {
  await act(() => i18n.changeLanguage('en'));
});

/** The API as it answers a member whose certificate is due: one completed enrolment, until renewed. */
function renewingApi(renewed = false) {
  const calls = fakeApi((url, init) => {
    if (url.pathname === '/api/auth/me') return { body: member };
    if (url.pathname === '/api/modules') return { body: [] };
    if (url.pathname === '/api/modules/safety') return { body: detail };
    if (url.pathname.startsWith('/api/modules/safety/versions/')) return { body: detail };
    if (url.pathname === '/api/me/certificates') return { body: [certificate] };
    if (url.pathname === '/api/me/enrolments')
      return { body: renewed ? [renewal, { ...completed, current: false, renewable: false }] : [completed] };
    if (url.pathname === '/api/modules/safety/enrolments' && init.method === 'POST') {
      renewed = true;
      return { status: 201, body: renewal };
    }
    if (url.pathname === '/api/enrolments/e2') return { body: renewal };
    if (url.pathname.endsWith('/attempts')) return { body: [] };
  });
  return calls;
}

describe('renewing a certificate', () => {
  it('offers "Renew" on the certificates page, enrols again on the same track and opens the renewal', async () => {
    const calls = renewingApi();
    renderApp('/certificates');
    const renew = await screen.findByRole('button', { name: 'Renew Safety on Set' });
    expect(screen.getByText(/due for renewal/)).toBeTruthy();
    await userEvent.click(renew);
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST')).toMatchObject({
        path: '/api/modules/safety/enrolments',
        body: { track: 'crew' },
      }),
    );
    // The learning view says it is a renewal, and when the module closes.
    expect(await screen.findByText(/This is a renewal/)).toBeTruthy();
    expect(screen.getByText(/^Finish by March 31, 2027/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Renew/ })).toBeNull();
  });

  it('offers "Renew" on My learning, and opens the renewal from there', async () => {
    renewingApi();
    renderApp('/learning');
    await userEvent.click(await screen.findByRole('button', { name: 'Renew Safety on Set' }));
    expect(await screen.findByText(/This is a renewal/)).toBeTruthy();
  });

  it('shows on My learning, in French, the renewal under way, the renewed enrolment and the deadline', async () => {
    renewingApi(true);
    await act(() => i18n.changeLanguage('fr'));
    renderApp('/learning');
    expect(await screen.findByText('Renouvellement')).toBeTruthy();
    expect(screen.getByText('Renouvelé')).toBeTruthy();
    expect(screen.getByText(/^À terminer avant le 31 mars 2027/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Renouveler/ })).toBeNull();
  });

  it('offers nothing to renew when the server says the certificate is not due', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { body: member };
      if (url.pathname === '/api/me/certificates') return { body: [certificate] };
      if (url.pathname === '/api/me/enrolments') return { body: [{ ...completed, renewable: false }] };
    });
    renderApp('/certificates');
    await screen.findByRole('heading', { level: 2, name: 'Safety on Set' });
    expect(screen.queryByRole('button', { name: /^Renew/ })).toBeNull();
    expect(screen.queryByText(/Finish by/)).toBeNull();
  });
});

describe('renewals for staff', () => {
  it('counts each module’s renewals apart on the dashboard', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { body: { ...member, role: 'staff' } };
      if (url.pathname === '/api/reports/modules')
        return {
          body: [
            {
              slug: 'safety',
              title: 'Safety on Set',
              enrolled: 120,
              inProgress: 30,
              completed: 90,
              completionRate: 0.75,
              renewals: 17,
              renewalsInProgress: 12,
              renewalsCompleted: 5,
            },
          ],
        };
      if (url.pathname === '/api/reports/completions-by-month') return { body: [] };
    });
    renderApp('/staff');
    const header = await screen.findByRole('columnheader', { name: 'Renewals' }, { timeout: 5000 });
    const row = screen.getByRole('row', { name: /Safety on Set/ });
    const headers = screen.getAllByRole('columnheader');
    const cells = row.querySelectorAll('th, td');
    expect(cells[headers.indexOf(header)]?.textContent).toBe('17');
  });
});

describe('renewals on a member’s page, for staff', () => {
  it('marks the renewal under way and the enrolment it renewed', async () => {
    const asMember = (e: Enrolment) => ({
      ...e,
      lastActivityAt: e.enrolledAt,
      currentItem: null,
      tracks: [{ key: 'crew', title: 'Crew' }],
      attendance: [],
      units: e.units.map((u) => ({
        ...u,
        items: u.items.map((i) => ({ ...i, completedAt: i.completed ? e.completedAt : null, source: null })),
      })),
    });
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { body: makeStaff() };
      if (url.pathname === '/api/members/u1')
        return {
          body: {
            user: { ...member, emailVerified: true },
            enrolments: [asMember(renewal), asMember({ ...completed, current: false, renewable: false })],
            certificates: [],
            messages: [],
            audit: [],
            unsubscribedAt: null,
          },
        };
    });
    renderApp('/staff/members/u1');
    const [under, renewed] = await screen.findAllByRole('region', { name: 'Safety on Set' });
    expect(within(under).getByText('Renewal')).toBeTruthy();
    expect(within(under).queryByText('Renewed')).toBeNull();
    expect(within(renewed).getByText('Renewed')).toBeTruthy();
    expect(within(renewed).queryByText('Renewal')).toBeNull();
  });
});
