import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client';
import type { Session, SignInOptions, User } from './types';
import i18n, { LANGUAGES, rememberLanguage, type Language } from '../i18n';

export const ME_KEY = ['me'] as const;

/** The signed-in user from the session cookie, or null. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api<User>('/api/auth/me');
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
    queryFn: () => api<SignInOptions>('/api/auth/providers'),
    staleTime: Infinity,
  });
}

export const isStaff = (user: User | null | undefined) => user?.role === 'staff' || user?.role === 'admin';

function useSignedIn() {
  const client = useQueryClient();
  return (session: Session) => {
    // The cookie now carries the session; the token in the body is not kept anywhere.
    client.setQueryData(ME_KEY, session.user);
    void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  };
}

export function useSignIn() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api<Session>('/api/auth/login', { body }),
    onSuccess: signedIn,
  });
}

export function useSignUp() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { email: string; password: string; name: string; locale: Language }) =>
      api<Session>('/api/auth/register', { body }),
    onSuccess: signedIn,
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: { email: string }) => api<void>('/api/auth/password-reset', { body }),
  });
}

/** The mailed link's token and a new password: signs the person in. */
export function useResetPassword() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api<Session>('/api/auth/password-reset/confirm', { body }),
    onSuccess: signedIn,
  });
}

export function useConfirmEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string }) => api<User>('/api/auth/email-verification/confirm', { body }),
    // A proven address claims the invitations waiting for it: the member's enrolments change too.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ME_KEY }),
        client.invalidateQueries({ queryKey: ['enrolments'] }),
      ]),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
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
      api<User>('/api/auth/me', { method: 'PATCH', body }),
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
      api<User>('/api/auth/me', { method: 'PATCH', body: { locale: language } })
        .then((user) => client.setQueryData(ME_KEY, user))
        .catch(() => undefined);
    }
  };
}
