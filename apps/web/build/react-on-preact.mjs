// What `react` means in the browser build (preactInBrowser in plugins.ts): Preact's compatibility layer,
// plus the one React 19.2 component Mantine imports that Preact does not have.
import { createElement } from 'preact';

export * from 'preact/compat';
export { default } from 'preact/compat';

/**
 * React's `<Activity>` keeps a hidden subtree mounted (its state kept) but out of sight; Mantine uses it for
 * `keepMounted` transitions. Here the subtree stays mounted inside a box that is `display: none` while
 * hidden and has no box of its own (`display: contents`) while visible.
 */
export function Activity({ mode = 'visible', children }) {
  return createElement('div', { style: { display: mode === 'hidden' ? 'none' : 'contents' } }, children);
}

/** React 19's `useOptimistic`, which Preact lacks: React Router looks for it and does without when absent. */
export const useOptimistic = undefined;
