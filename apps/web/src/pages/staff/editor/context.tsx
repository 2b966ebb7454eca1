import { createContext, useContext } from 'react';
import type { ModuleInput, Path } from './model';
import { pathKey } from './model';
import type { Check } from './validation';

export interface EditorState {
  document: ModuleInput;
  /** Applies `change` to the node at `path` (it may mutate the copy it is given, or return a new node). */
  edit: <T>(path: Path, change: (node: T) => T | void) => void;
  check: Check;
  /** Problems the server answered for the last save, by path, until the next edit. */
  serverProblems: Map<string, string[]>;
  readOnly: boolean;
  /** The module has been published: its slug no longer changes. */
  published: boolean;
  isNew: boolean;
  /** Marks a field as edited: its problems show from then on (all of them once a save was asked for). */
  touch: (path: Path) => void;
  isShown: (key: string) => boolean;
}

export const EditorContext = createContext<EditorState | null>(null);

export function useEditor(): EditorState {
  const state = useContext(EditorContext);
  if (!state) throw new Error('useEditor outside the module editor');
  return state;
}

/** The problems named at exactly this path, the schema's and the server's. */
export function useProblems(path: Path): string[] {
  const { check, serverProblems, isShown } = useEditor();
  const key = pathKey(path);
  const own = isShown(key) ? (check.byPath.get(key) ?? []) : [];
  return [...new Set([...own, ...(serverProblems.get(key) ?? [])])];
}

/** The value at a path of the document. */
export function valueAt(document: unknown, path: Path): unknown {
  let node = document as Record<string | number, unknown> | undefined;
  for (const part of path) node = node?.[part] as Record<string | number, unknown> | undefined;
  return node;
}

/** The DOM id of a field, so a problem in the summary can take the author to it. */
export const fieldId = (path: Path) => `field-${pathKey(path).replace(/[^\w-]/g, '_')}`;
