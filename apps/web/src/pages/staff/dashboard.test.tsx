import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, renderApp } from '../../test/render';

const staff = { id: 's1', email: 'staff@example.org', name: 'Sam Staff', role: 'staff', locale: 'en' };

describe('the staff dashboard', () => {
  it('draws completions per month from the server, without paging through member lists', async () => {
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { body: staff };
      if (url.pathname === '/api/reports/modules')
        return {
          body: [
            {
              slug: 'banking',
              title: 'Banking',
              enrolled: 2400,
              inProgress: 400,
              completed: 2000,
              completionRate: 0.83,
            },
          ],
        };
      if (url.pathname === '/api/reports/completions-by-month')
        return {
          body: [
            { month: '2026-10', completions: 1400 },
            { month: '2026-11', completions: 0 },
            { month: '2026-12', completions: 600 },
          ],
        };
    });
    renderApp('/staff');
    expect(await screen.findByText('2026-10: 1400 · 2026-11: 0 · 2026-12: 600', {}, { timeout: 5000 })).toBeTruthy();
    expect(calls.some((call) => call.path.includes('/members'))).toBe(false);
  });
});
