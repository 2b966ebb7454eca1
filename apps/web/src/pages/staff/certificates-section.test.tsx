import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Certificate } from '../../api/types';
import { makeCertificate } from '../../test/fixtures';
import { fakeApi, renderWithProviders } from '../../test/render';
import { CertificatesSection } from './CertificatesSection';

const certificate = (serial: string, validUntil: string | null, expired = false): Certificate =>
  makeCertificate({ serial, holderName: `Holder ${serial}`, validUntil, expired });

describe('the certificates of a module, for staff', () => {
  it('shows how long each is valid and lists those expiring within the days asked for', async () => {
    const soon = certificate('GL-2026-AAAA-AAAA', '2026-12-20T17:00:00.000Z');
    const all = [
      soon,
      certificate('GL-2026-BBBB-BBBB', null),
      certificate('GL-2025-CCCC-CCCC', '2026-01-15T17:00:00.000Z', true),
    ];
    const calls = fakeApi((url) => {
      if (url.pathname !== '/api/certificates') return undefined;
      const items = url.searchParams.get('expiringWithinDays') ? [soon] : all;
      return { body: { items, total: items.length, page: 1, pageSize: 50 } };
    });
    renderWithProviders(<CertificatesSection slug="banking" />);
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('columnheader', { name: 'Valid until' })).toBeTruthy();
    const never = within(table).getByRole('row', { name: /GL-2026-BBBB-BBBB/ });
    expect(within(never).getByText('Never expires')).toBeTruthy();
    const lapsed = within(table).getByRole('row', { name: /GL-2025-CCCC-CCCC/ });
    expect(within(lapsed).getByText('Expired')).toBeTruthy();
    expect(lapsed.textContent).toContain('January 15, 2026');

    await userEvent.setup().type(screen.getByLabelText(/Expiring within \(days\)/), '30');
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(screen.getByRole('row', { name: /GL-2026-AAAA-AAAA/ })).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/certificates?module=banking&expiringWithinDays=30')).toBe(true);
  });
});
