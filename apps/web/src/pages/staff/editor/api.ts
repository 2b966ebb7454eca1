import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from '../../../api/client';
import type { components } from '../../../api/schema';
import type { ModuleInput } from './model';

type Schemas = components['schemas'];
/** Who saved a draft last, as the authoring routes name them. */
export type Editor = Schemas['UserRef'];
export type Change = Schemas['DraftChange'];
export type Changes = Schemas['DraftChanges'];
export type Version = Schemas['Version'];
/** What a 409 DRAFT_CONFLICT answer says about the newer draft. */
export type Conflict = Pick<Schemas['DraftConflict'], 'revision' | 'updatedBy' | 'updatedAt'>;

/** The draft being edited: the document, and the save it is (none yet for a new module). */
export interface DraftDocument extends Omit<Conflict, 'updatedAt'> {
  document: ModuleInput;
  updatedAt: string | null;
}

/** GET …/document answers the document's own fields beside `revision` and who saved it. */
function toDraft({ revision, updatedBy, updatedAt, ...document }: Schemas['DraftDocument']): DraftDocument {
  return { document: document as unknown as ModuleInput, revision, updatedBy, updatedAt };
}

export const fetchDraft = async (slug: string) =>
  toDraft(await request('get', '/api/modules/{slug}/document', { params: { slug } }));

export function conflictOf(error: unknown): Conflict | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  // The error body is the 409 answer the document names DraftConflict.
  const body = error.body as Partial<Schemas['DraftConflict']> | undefined;
  if (body?.code !== 'DRAFT_CONFLICT') return null;
  const { revision, updatedBy, updatedAt } = body as Schemas['DraftConflict'];
  return { revision, updatedBy, updatedAt };
}

/**
 * Saves the draft and answers its new revision: a new module is created; an existing one is replaced
 * only if nobody saved since `revision` (its slug may change until the first publish).
 */
export async function saveDraft(document: ModuleInput, existing: { slug: string; revision: string } | null) {
  if (existing) {
    const saved = await request('put', '/api/modules/{slug}', {
      params: { slug: existing.slug },
      body: document,
      headers: { 'if-match': existing.revision },
    });
    return saved.revision;
  }
  await request('post', '/api/modules', { body: document });
  // Nobody else has seen a module created a moment ago: its revision is the one just written.
  return (await fetchDraft(document.slug)).revision;
}

/** The saved draft as a YAML file, from the server (GET …/document?format=yaml). */
export const yamlUrl = (slug: string) => `/api/modules/${encodeURIComponent(slug)}/document?format=yaml`;

export function useChanges(slug: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['authoring', slug, 'changes'],
    queryFn: () => request('get', '/api/modules/{slug}/changes', { params: { slug: slug! } }),
    enabled: Boolean(slug) && enabled,
    staleTime: 0,
  });
}

export function useVersions(slug: string | undefined) {
  return useQuery({
    queryKey: ['authoring', slug, 'versions'],
    queryFn: () => request('get', '/api/modules/{slug}/versions', { params: { slug: slug! } }),
    enabled: Boolean(slug),
  });
}

export const fetchVersionDocument = async (slug: string, version: number) =>
  (await request('get', '/api/modules/{slug}/versions/{version}/document', {
    params: { slug, version },
  })) as unknown as ModuleInput;

export function usePublish(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request('post', '/api/modules/{slug}/publish', { params: { slug } }),
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
      request('post', '/api/modules/{slug}/duplicate', { params: { slug }, body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['modules'] }),
  });
}
