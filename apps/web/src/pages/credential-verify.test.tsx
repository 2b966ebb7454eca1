import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, renderApp } from '../test/render';
import { credentialBody } from './CredentialVerifyPage';

const anonymous = { status: 401, body: { statusCode: 401, message: 'no' } };
const checks = (failing: string[] = []) =>
  ['signature', 'issuer', 'status', 'expiry', 'schema'].map((id) => ({
    id,
    ok: !failing.includes(id),
    message: `${id} said something`,
  }));

describe('the credential check page', () => {
  it('tells JSON, a VC-JWT and anything else apart', () => {
    expect(credentialBody(' {"@context": [], "type": ["VerifiableCredential"]} ')).toEqual({
      '@context': [],
      type: ['VerifiableCredential'],
    });
    expect(credentialBody('eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln\n')).toEqual({
      jwt: 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln',
    });
    expect(credentialBody('"eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln"')).toEqual({
      jwt: 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln',
    });
    expect(credentialBody('[1, 2]')).toBeNull();
    expect(credentialBody('hello')).toBeNull();
  });

  it('sends a pasted credential and shows every check, the verdict and our certificate', async () => {
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return anonymous;
      if (url.pathname === '/api/verify/credential')
        return {
          body: {
            verified: false,
            checks: checks(['status']),
            certificate: {
              serial: 'GL-2026-7K3Q-9XPM',
              holderName: 'Ana Ōkawa',
              module: { slug: 'banking', title: 'Banking for Producers' },
              status: 'revoked',
            },
          },
        };
    });
    renderApp('/verify');
    const user = userEvent.setup();
    const box = await screen.findByLabelText(/^Credential \(JSON or VC-JWT\)/);
    await user.click(screen.getByRole('button', { name: 'Check the credential' }));
    expect(await screen.findByText('Paste a credential or choose its file first.')).toBeTruthy();
    fireEvent.change(box, { target: { value: '{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:x"}' } });
    await user.click(screen.getByRole('button', { name: 'Check the credential' }));
    const verdict = await screen.findByRole('status');
    expect(verdict.textContent).toContain('Not verified');
    const list = screen.getByRole('list', { name: 'Checks' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      '✓Signature (Passed): signature said something',
      '✓Issuer (Passed): issuer said something',
      '✗Revocation (Failed): status said something',
      '✓Dates (Passed): expiry said something',
      '✓Open Badges schema (Passed): schema said something',
    ]);
    expect(screen.getByText('Status here: Revoked')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open certificate GL-2026-7K3Q-9XPM' }).getAttribute('href')).toBe(
      '/verify/GL-2026-7K3Q-9XPM',
    );
    const sent = calls.find((c) => c.path === '/api/verify/credential');
    expect(sent?.body).toEqual({ '@context': ['https://www.w3.org/ns/credentials/v2'], id: 'urn:x' });
  });

  it('refuses text that is neither JSON nor a JWT without asking the server, and reads a chosen file', async () => {
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return anonymous;
      if (url.pathname === '/api/verify/credential') return { body: { verified: true, checks: checks() } };
    });
    renderApp('/verify');
    const user = userEvent.setup();
    const box = await screen.findByLabelText(/^Credential \(JSON or VC-JWT\)/);
    fireEvent.change(box, { target: { value: 'not a credential' } });
    await user.click(screen.getByRole('button', { name: 'Check the credential' }));
    expect(await screen.findByText(/neither JSON nor a VC-JWT/)).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/verify/credential')).toBe(false);

    const file = new File(['eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln'], 'badge.jwt', { type: 'text/plain' });
    await user.upload(document.querySelector<HTMLInputElement>('input[type="file"]')!, file);
    await waitFor(() => expect((box as HTMLTextAreaElement).value).toContain('eyJhbGciOiJFZERTQSJ9'));
    await user.click(screen.getByRole('button', { name: 'Check the credential' }));
    expect((await screen.findByRole('status')).textContent).toContain('Verified');
    expect(calls.find((c) => c.path === '/api/verify/credential')?.body).toEqual({
      jwt: 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln',
    });
  });
});
