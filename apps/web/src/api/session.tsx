import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from './client';
import type { Me, Session, User } from './types';
import i18n, { LANGUAGES, rememberLanguage, type Language } from '../i18n';

export const ME_KEY = ['me'] as const;

/** The signed-in user from the session cookie, or null. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await request('get', '/api/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** Passwords, single sign-on, or both: the server's settings, which do not change while it runs. */
export function useSignInOptions() {
  return useQuery({
    queryKey: ['sign-in-options'],
    queryFn: () => request('get', '/api/auth/providers'),
    staleTime: Infinity,
  });
}

export const isStaff = (user: User | null | undefined) => user?.role === 'staff' || user?.role === 'admin';

function useSignedIn() {
  const client = useQueryClient();
  return (session: Session) => {
    // The cookie now carries the session; the token in the body is not kept anywhere. A session opened
    // here (a password, a reset) is never the provider's.
    client.setQueryData<Me>(ME_KEY, { ...session.user, sso: false });
    void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  };
}

export function useSignIn() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => request('post', '/api/auth/login', { body }),
    onSuccess: signedIn,
  });
}

export function useSignUp() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { email: string; password: string; name: string; locale: Language }) =>
      request('post', '/api/auth/register', { body }),
    onSuccess: signedIn,
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: { email: string }) => request('post', '/api/auth/password-reset', { body }),
  });
}

/** The mailed link's token and a new password: signs the person in. */
export function useResetPassword() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      request('post', '/api/auth/password-reset/confirm', { body }),
    onSuccess: signedIn,
  });
}

export function useConfirmEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string }) => request('post', '/api/auth/email-verification/confirm', { body }),
    // A proven address claims the invitations waiting for it: the member's enrolments change too.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ME_KEY }),
        client.invalidateQueries({ queryKey: ['enrolments'] }),
      ]),
  });
}

/**
 * Ends the session. One opened through the single sign-on provider ends there too: the mutation then
 * answers the provider's sign-out page, where the browser goes next (it comes back to the home page).
 */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<string | null> => {
      if (!client.getQueryData<Me | null>(ME_KEY)?.sso) {
        await request('post', '/api/auth/logout');
        return null;
      }
      return (await request('post', '/api/auth/oidc/logout')).redirectTo;
    },
    onSettled: () => {
      client.setQueryData(ME_KEY, null);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    },
  });
}

export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; locale?: Language; password?: string; currentPassword?: string }) =>
      request('patch', '/api/auth/me', { body }),
    onSuccess: (user) => client.setQueryData(ME_KEY, user),
  });
}

/** Switches the interface language, remembers it, and saves it on the account when signed in. */
export function useChangeLanguage() {
  const client = useQueryClient();
  return async (language: Language) => {
    if (!LANGUAGES.includes(language)) return;
    rememberLanguage(language);
    await i18n.changeLanguage(language);
    const me = client.getQueryData<User | null>(ME_KEY);
    if (me && me.locale !== language) {
      request('patch', '/api/auth/me', { body: { locale: language } })
        .then((user) => client.setQueryData(ME_KEY, user))
        .catch(() => undefined);
    }
  };
}
