import { screen } from '@testing-library/react';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { fakeApi, renderApp } from '../../test/render';

beforeEach(async () => {
  await act(() => i18n.changeLanguage('en'));
});

describe('the verify page', () => {
  const verification = {
    serial: 'GL-2026-7K3Q-9XPM',
    holderName: 'Ana Lima',
    module: { slug: 'banking', title: 'Banking for Producers' },
    completedAt: '2026-03-01T12:00:00Z',
    issuedAt: '2026-03-01T12:01:00Z',
    issuer: { name: 'Screen Producers Guild' },
    pdfSha256: 'ab'.repeat(32),
  };

  it.each([
    [{ valid: true, status: 'issued' }, 'Valid certificate'],
    [{ valid: false, status: 'revoked' }, 'This certificate was revoked and is no longer valid.'],
    [{ valid: false, status: 'superseded' }, 'This certificate was replaced by a newer one and is no longer valid.'],
  ])('says whether the certificate holds (%o)', async (state, text) => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { status: 401, body: { statusCode: 401, message: 'no' } };
      if (url.pathname === '/api/verify/GL-2026-7K3Q-9XPM') return { body: { ...verification, ...state } };
    });
    renderApp('/verify/GL-2026-7K3Q-9XPM');
    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.getByText('Ana Lima')).toBeTruthy();
    expect(screen.getByText('Screen Producers Guild')).toBeTruthy();
  });

  it('shows until when a certificate is valid, and that it has expired once that day has passed', async () => {
    const answer = {
      body: { ...verification, valid: true, status: 'issued', validUntil: '2029-03-01T17:00:00Z', expired: false },
    };
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { status: 401, body: { statusCode: 401, message: 'no' } };
      if (url.pathname === '/api/verify/GL-2026-7K3Q-9XPM') return answer;
    });
    renderApp('/verify/GL-2026-7K3Q-9XPM');
    expect((await screen.findByText('Valid until:')).parentElement!.textContent).toContain('March 1, 2029');

    answer.body = {
      ...answer.body,
      valid: false,
      status: 'expired',
      validUntil: '2026-03-01T17:00:00Z',
      expired: true,
    };
    await act(() => i18n.changeLanguage('fr'));
    expect(await screen.findByText('Ce certificat était valide pour une durée limitée, qui est passée.')).toBeTruthy();
    expect((await screen.findByText('Expiré le:')).parentElement!.textContent).toContain('1 mars 2026');
  });

  it('says when too many serials were checked from here, with the server’s words', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { status: 401, body: { statusCode: 401, message: 'no' } };
      if (url.pathname.startsWith('/api/verify/'))
        return {
          status: 429,
          body: {
            statusCode: 429,
            error: 'Too Many Requests',
            code: 'TOO_MANY_VERIFICATIONS',
            message: 'Too many certificate checks from your network: at most 60 a minute. Try again in 20 seconds.',
          },
        };
    });
    renderApp('/verify/GL-2026-7K3Q-9XPM');
    expect(await screen.findByText(/Try again in 20 seconds/)).toBeTruthy();
  });

  it('says when no certificate has that serial', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return { status: 401, body: { statusCode: 401, message: 'no' } };
      if (url.pathname.startsWith('/api/verify/'))
        return { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'no' } };
    });
    renderApp('/verify/GL-NOPE');
    expect(await screen.findByText('No certificate has the serial GL-NOPE.')).toBeTruthy();
  });
});
