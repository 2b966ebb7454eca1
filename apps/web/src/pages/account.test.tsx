import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, renderApp } from '../test/render';

const anonymous = { status: 401, body: { statusCode: 401, message: 'no' } };
const member = { id: 'u1', email: 'ana@example.org', name: 'Ana', role: 'member', locale: 'en', emailVerified: true };

describe('the account pages', () => {
  it('links the sign-in form to the reset page, which asks for the link by email', async () => {
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return anonymous;
      if (url.pathname === '/api/auth/password-reset') return { status: 202 };
      if (url.pathname === '/api/modules') return { body: [] };
    });
    renderApp('/login');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Forgot your password?' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Reset your password' })).toBeTruthy();
    await user.type(screen.getByLabelText(/^Email/), 'ana@example.org ');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByText(/a link is on its way/)).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/auth/password-reset')?.body).toEqual({ email: 'ana@example.org' });
  });

  it('sets the new password with the token of the mailed link', async () => {
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return anonymous;
      if (url.pathname === '/api/auth/password-reset/confirm') return { body: { user: member, accessToken: 'x' } };
      if (url.pathname === '/api/modules') return { body: [] };
    });
    renderApp('/reset-password?token=abc123');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^New password/), 'a fresh new passphrase');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/api/auth/password-reset/confirm')?.body).toEqual({
        token: 'abc123',
        password: 'a fresh new passphrase',
      }),
    );
    // Signed in with the new password: the page moves on.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Save the new password' })).toBeNull());
  });

  it('confirms the email on arrival from the verification link', async () => {
    const calls = fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return anonymous;
      if (url.pathname === '/api/auth/email-verification/confirm') return { body: member };
    });
    renderApp('/verify-email?token=t1');
    expect(await screen.findByText('Thank you: your email address is confirmed.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/auth/email-verification/confirm')?.body).toEqual({ token: 't1' });
  });

  it('says so when the verification link is spent', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return anonymous;
      if (url.pathname === '/api/auth/email-verification/confirm')
        return { status: 400, body: { statusCode: 400, message: 'token: this link is invalid, used or expired' } };
    });
    renderApp('/verify-email?token=spent');
    expect(await screen.findByText('That did not work')).toBeTruthy();
  });

  it('offers "Sign in with" the provider beside the password form, and says why a single sign-on was refused', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return anonymous;
      if (url.pathname === '/api/auth/providers')
        return { body: { localLogin: true, oidc: { label: 'Acme ID', loginUrl: '/api/auth/oidc/login' } } };
      if (url.pathname === '/api/modules') return { body: [] };
    });
    renderApp('/login?sso=unverified_email');
    expect(await screen.findByRole('button', { name: 'Sign in with Acme ID' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('has not confirmed your email address');
    expect(screen.getByLabelText(/^Password/)).toBeTruthy();
  });

  it('hides the password forms when local passwords are turned off', async () => {
    fakeApi((url) => {
      if (url.pathname === '/api/auth/me') return anonymous;
      if (url.pathname === '/api/auth/providers')
        return { body: { localLogin: false, oidc: { label: 'Acme ID', loginUrl: '/api/auth/oidc/login' } } };
      if (url.pathname === '/api/modules') return { body: [] };
    });
    renderApp('/login');
    expect(await screen.findByRole('button', { name: 'Sign in with Acme ID' })).toBeTruthy();
    expect(screen.queryByLabelText(/^Password/)).toBeNull();
    expect(screen.queryByRole('tab', { name: 'Create an account' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Forgot your password?' })).toBeNull();
  });
});
