import { randomBytes } from 'node:crypto';
import type { Locale } from '@greenlight/common';
import type { TestApp } from './test-app';

export interface TestUser {
  user: { id: string; email: string; name: string; role: string; locale: string };
  token: string;
  password: string;
}

let counter = 0;

/**
 * Registers a member through the API, as a person would; `verified` as if they had then followed the
 * mailed link (attendance matches only proven addresses).
 */
export async function makeMember(
  t: TestApp,
  overrides: Partial<{ email: string; name: string; password: string; locale: Locale; verified: boolean }> = {},
): Promise<TestUser> {
  counter += 1;
  const password = overrides.password ?? 'correct horse battery';
  const body = {
    email: overrides.email ?? `member-${counter}-${randomBytes(3).toString('hex')}@example.org`,
    name: overrides.name ?? `Member ${counter}`,
    password,
    ...(overrides.locale ? { locale: overrides.locale } : {}),
  };
  const response = await t.request('POST', '/api/auth/register', { body });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.text}`);
  if (overrides.verified) {
    await t.db.pool.query('UPDATE auth.users SET email_verified_at = now() WHERE id = $1', [response.body.user.id]);
    return { user: { ...response.body.user, emailVerified: true }, token: response.body.accessToken, password };
  }
  return { user: response.body.user, token: response.body.accessToken, password };
}

/** A member promoted in the database, then signed in again so the token carries the role. */
export async function makeUserWithRole(
  t: TestApp,
  role: 'staff' | 'admin',
  overrides: Parameters<typeof makeMember>[1] = {},
) {
  const member = await makeMember(t, { name: role === 'staff' ? 'Program Staff' : 'Site Admin', ...overrides });
  await t.db.pool.query('UPDATE auth.users SET role = $1 WHERE id = $2', [role, member.user.id]);
  const login = await t.request('POST', '/api/auth/login', {
    body: { email: member.user.email, password: member.password },
  });
  return { user: login.body.user, token: login.body.accessToken, password: member.password };
}

export const makeStaff = (t: TestApp, overrides?: Parameters<typeof makeMember>[1]) =>
  makeUserWithRole(t, 'staff', overrides);
export const makeAdmin = (t: TestApp, overrides?: Parameters<typeof makeMember>[1]) =>
  makeUserWithRole(t, 'admin', overrides);
