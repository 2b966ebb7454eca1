import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../api/client';
import type { ModuleInput } from './model';

/** Who saved a draft last, as the authoring routes name them. */
export interface Editor {
  id: string;
  name: string;
}

export interface DraftDocument {
  document: ModuleInput;
  revision: string;
  updatedBy: Editor | null;
  updatedAt: string | null;
}

export interface Change {
  kind: 'added' | 'removed' | 'changed';
  path: string;
  title: string;
  affectsGrading: boolean;
}

export interface Changes {
  publishedVersion: number | null;
  changes: Change[];
}

export interface Version {
  version: number;
  publishedAt: string;
  publishedBy: Editor | null;
}

/** What a 409 DRAFT_CONFLICT answer says about the newer draft. */
export interface Conflict {
  revision: string;
  updatedBy: Editor | null;
  updatedAt: string | null;
}

const base = (slug: string) => `/api/modules/${encodeURIComponent(slug)}`;

/** GET …/document answers the document's own fields beside `revision` and who saved it. */
function toDraft(body: Record<string, unknown>): DraftDocument {
  const { revision, updatedBy, updatedAt, ...document } = body;
  return {
    document: document as unknown as ModuleInput,
    revision: String(revision ?? ''),
    updatedBy: (updatedBy as Editor | undefined) ?? null,
    updatedAt: (updatedAt as string | undefined) ?? null,
  };
}

export const fetchDraft = async (slug: string) => toDraft(await api<Record<string, unknown>>(`${base(slug)}/document`));

export function conflictOf(error: unknown): Conflict | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const body = (error.body ?? {}) as Record<string, unknown>;
  if (body.code !== 'DRAFT_CONFLICT') return null;
  return {
    revision: String(body.revision ?? ''),
    updatedBy: (body.updatedBy as Editor | undefined) ?? null,
    updatedAt: (body.updatedAt as string | undefined) ?? null,
  };
}

/**
 * Saves the draft and answers its new revision: a new module is created; an existing one is replaced
 * only if nobody saved since `revision` (its slug may change until the first publish).
 */
export async function saveDraft(document: ModuleInput, existing: { slug: string; revision: string } | null) {
  if (existing) {
    const saved = await api<{ revision: string }>(base(existing.slug), {
      method: 'PUT',
      body: document,
      headers: { 'if-match': existing.revision },
    });
    return saved.revision;
  }
  await api('/api/modules', { method: 'POST', body: document });
  // Nobody else has seen a module created a moment ago: its revision is the one just written.
  return (await fetchDraft(document.slug)).revision;
}

/** The saved draft as a YAML file, from the server (GET …/document?format=yaml). */
export const yamlUrl = (slug: string) => `${base(slug)}/document?format=yaml`;

export function useChanges(slug: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['authoring', slug, 'changes'],
    queryFn: () => api<Changes>(`${base(slug!)}/changes`),
    enabled: Boolean(slug) && enabled,
    staleTime: 0,
  });
}

export function useVersions(slug: string | undefined) {
  return useQuery({
    queryKey: ['authoring', slug, 'versions'],
    queryFn: () => api<Version[]>(`${base(slug!)}/versions`),
    enabled: Boolean(slug),
  });
}

export const fetchVersionDocument = (slug: string, version: number) =>
  api<ModuleInput>(`${base(slug)}/versions/${version}/document`);

export function usePublish(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ version: number; changed?: boolean }>(`${base(slug)}/publish`, { method: 'POST' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['authoring', slug] });
      void client.invalidateQueries({ queryKey: ['modules'] });
      void client.invalidateQueries({ queryKey: ['module', slug] });
    },
  });
}

export function useDuplicate(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { slug: string; title?: { en: string; fr?: string } }) =>
      api<{ slug: string }>(`${base(slug)}/duplicate`, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['modules'] }),
  });
}

/** Where a quiz of the draft is graded for the preview (nothing is recorded). */
export const previewPath = (slug: string, itemId: string) =>
  `${base(slug)}/preview/quizzes/${encodeURIComponent(itemId)}/attempts`;

/** The draft as a member on a track would see it. */
export const previewViewPath = (slug: string) => `${base(slug)}/preview`;
