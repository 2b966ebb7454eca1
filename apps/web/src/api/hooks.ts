import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, request } from './client';
import type { Answer, Enrolment, MemberRow, ModuleDetail, ModuleSummary, ReminderRequest, Verification } from './types';

/** Texts come back in the asked language, so it is part of every cache key. */
function useLanguage() {
  return useTranslation().i18n.language;
}

/**
 * The reads the server renders pages with (src/entry-server.tsx): the same cache key and API path
 * in the browser and on the server, so the server's data seeds the browser's cache as is.
 */
export const publicReads = {
  modules: (lang: string, all = false) => ({
    queryKey: ['modules', lang, all],
    path: all ? '/api/modules?status=all' : '/api/modules',
  }),
  module: (slug: string, lang: string) => ({
    queryKey: ['module', slug, lang],
    path: `/api/modules/${encodeURIComponent(slug)}`,
  }),
  verification: (serial: string, lang: string) => ({
    queryKey: ['verify', serial, lang],
    path: `/api/verify/${encodeURIComponent(serial)}`,
  }),
};
export type PublicRead = ReturnType<(typeof publicReads)[keyof typeof publicReads]>;

export function useModules(all = false) {
  const read = publicReads.modules(useLanguage(), all);
  return useQuery({ queryKey: read.queryKey, queryFn: () => api<ModuleSummary[]>(read.path) });
}

export function useModule(slug: string | undefined) {
  const read = publicReads.module(slug ?? '', useLanguage());
  return useQuery({
    queryKey: read.queryKey,
    queryFn: () => api<ModuleDetail>(read.path),
    enabled: Boolean(slug),
    // An unknown module stays an error when mounted (so the server renders the error, not a spinner).
    retryOnMount: false,
  });
}

/** The exact version an enrolment is pinned to, so item ids always match its progress. */
export function useModuleVersion(slug: string | undefined, version: number | undefined) {
  const lang = useLanguage();
  return useQuery({
    queryKey: ['module', slug, lang, version],
    queryFn: () => request('get', '/api/modules/{slug}', { params: { slug: slug! }, query: { version } }),
    enabled: Boolean(slug && version),
  });
}

export function useMyEnrolments(enabled = true) {
  const lang = useLanguage();
  return useQuery({
    queryKey: ['enrolments', lang],
    queryFn: () => request('get', '/api/me/enrolments'),
    enabled,
  });
}

export function useEnrolment(id: string | undefined) {
  const lang = useLanguage();
  return useQuery({
    queryKey: ['enrolment', id, lang],
    queryFn: () => request('get', '/api/enrolments/{id}', { params: { id: id! } }),
    enabled: Boolean(id),
  });
}

function useEnrolmentUpdated() {
  const client = useQueryClient();
  return (enrolment: Enrolment) => {
    client.setQueriesData({ queryKey: ['enrolment', enrolment.id] }, enrolment);
    void client.invalidateQueries({ queryKey: ['enrolments'] });
    if (enrolment.status === 'completed') void client.invalidateQueries({ queryKey: ['certificates'] });
  };
}

export function useEnrol(slug: string) {
  const updated = useEnrolmentUpdated();
  return useMutation({
    mutationFn: (track: string | null) =>
      request('post', '/api/modules/{slug}/enrolments', { params: { slug }, body: track ? { track } : {} }),
    onSuccess: updated,
  });
}

export function useCompleteItem(enrolmentId: string) {
  const updated = useEnrolmentUpdated();
  return useMutation({
    mutationFn: (itemId: string) =>
      request('post', '/api/enrolments/{id}/items/{itemId}/complete', { params: { id: enrolmentId, itemId } }),
    onSuccess: updated,
  });
}

/** Earlier attempts at one quiz, oldest first, so attempts left survive a reload. */
export function useQuizAttempts(enrolmentId: string, itemId: string) {
  return useQuery({
    queryKey: ['attempts', enrolmentId, itemId],
    queryFn: async () =>
      (
        await request('get', '/api/enrolments/{id}/quizzes/{itemId}/attempts', { params: { id: enrolmentId, itemId } })
      ).sort((a, b) => a.number - b.number),
  });
}

export function useSubmitQuiz(enrolmentId: string, itemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, Answer>) =>
      request('post', '/api/enrolments/{id}/quizzes/{itemId}/attempts', {
        params: { id: enrolmentId, itemId },
        body: { answers },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['attempts', enrolmentId, itemId] });
      void client.invalidateQueries({ queryKey: ['enrolment', enrolmentId] });
      void client.invalidateQueries({ queryKey: ['enrolments'] });
      void client.invalidateQueries({ queryKey: ['certificates'] });
    },
  });
}

export function useMyCertificates(enabled = true) {
  const lang = useLanguage();
  return useQuery({
    queryKey: ['certificates', 'mine', lang],
    queryFn: () => request('get', '/api/me/certificates'),
    enabled,
  });
}

export function useCredential(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['credential', id],
    queryFn: () => request('get', '/api/certificates/{id}/credential', { params: { id } }),
    enabled,
  });
}

/** Checks a credential (its JSON, or `{jwt}`); the messages come back in the page's language. */
export function useVerifyCredential() {
  return useMutation({
    mutationFn: (credential: Record<string, unknown>) =>
      request('post', '/api/verify/credential', { body: credential }),
  });
}

export function useVerification(serial: string | undefined) {
  const read = publicReads.verification(serial ?? '', useLanguage());
  return useQuery({
    queryKey: read.queryKey,
    queryFn: () => api<Verification>(read.path),
    enabled: Boolean(serial),
    retry: false,
    retryOnMount: false,
  });
}

// Staff

export function useModuleReports() {
  const lang = useLanguage();
  return useQuery({ queryKey: ['reports', lang], queryFn: () => request('get', '/api/reports/modules') });
}

export function useModuleReport(slug: string | undefined) {
  const lang = useLanguage();
  return useQuery({
    queryKey: ['reports', slug, lang],
    queryFn: () => request('get', '/api/reports/modules/{slug}', { params: { slug: slug! } }),
    enabled: Boolean(slug),
  });
}

export interface MemberFilters {
  status?: MemberRow['status'];
  track?: string;
  /** Part of a name or email, searched on the server. */
  query?: string;
  inactiveDays?: number;
  page: number;
}

export function useModuleMembers(slug: string | undefined, filters: MemberFilters) {
  return useQuery({
    queryKey: ['reports', slug, 'members', filters],
    queryFn: () =>
      request('get', '/api/reports/modules/{slug}/members', {
        params: { slug: slug! },
        query: {
          format: 'json',
          status: filters.status,
          track: filters.track,
          query: filters.query,
          inactiveDays: filters.inactiveDays,
          page: filters.page,
        },
      }),
    enabled: Boolean(slug),
    placeholderData: keepPreviousData,
  });
}

/** Completions per month across every module, counted by the server over all members. */
export function useCompletionsByMonth(months = 12) {
  return useQuery({
    queryKey: ['reports', 'completions-by-month', months],
    queryFn: () => request('get', '/api/reports/completions-by-month', { query: { months } }),
  });
}

export function useRecordAttendance(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, emails }: { itemId: string; emails: string[] }) =>
      request('post', '/api/modules/{slug}/items/{itemId}/attendance', { params: { slug, itemId }, body: { emails } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['reports'] }),
  });
}

/** A module's certificates; with `expiringWithinDays`, the issued ones expiring that soon, soonest first. */
export function useModuleCertificates(slug: string | undefined, expiringWithinDays?: number) {
  const lang = useLanguage();
  return useQuery({
    queryKey: ['certificates', 'module', slug, expiringWithinDays, lang],
    queryFn: () => request('get', '/api/certificates', { query: { module: slug, expiringWithinDays } }),
    enabled: Boolean(slug),
  });
}

export function useRevokeCertificate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      request('post', '/api/certificates/{id}/revoke', { params: { id }, body: { reason } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['certificates'] }),
  });
}

export function useReissueCertificate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request('post', '/api/certificates/{id}/reissue', { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['certificates'] }),
  });
}

// Running a program (issue 15): one member for staff, staff actions on their enrolments, reminders.
export function useMember(id: string | undefined) {
  const lang = useLanguage();
  return useQuery({
    queryKey: ['member', id, lang],
    queryFn: () => request('get', '/api/members/{id}', { params: { id: id! } }),
    enabled: Boolean(id),
  });
}

export function useStaffAction(memberId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: Record<string, string> }) => api<unknown>(path, { body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['member', memberId] }),
  });
}

export function useSendReminder(slug: string) {
  return useMutation({
    mutationFn: (reminder: ReminderRequest) =>
      request('post', '/api/modules/{slug}/reminders', { params: { slug }, body: reminder }),
  });
}

const unsubscribeKey = (token: string) => ['unsubscribe', token];

/** The unsubscribe link's state, without signing in (the token is the whole credential). */
export function useUnsubscribeStatus(token: string) {
  return useQuery({
    queryKey: unsubscribeKey(token),
    queryFn: () => request('get', '/api/unsubscribe/{token}', { params: { token } }),
  });
}

export function useUnsubscribe(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request('post', '/api/unsubscribe/{token}', { params: { token } }),
    onSuccess: (status) => client.setQueryData(unsubscribeKey(token), status),
  });
}

export function useInvitations(slug: string) {
  return useQuery({
    queryKey: ['invitations', slug],
    queryFn: () => request('get', '/api/modules/{slug}/invitations', { params: { slug } }),
  });
}

export function useInvite(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { emails: string[]; track?: string; locale: string }) =>
      request('post', '/api/modules/{slug}/invitations', { params: { slug }, body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['invitations', slug] });
      void client.invalidateQueries({ queryKey: ['reports'] });
    },
  });
}
