import { useEffect } from 'react';

/** Each page names itself in the tab title, which screen readers announce on navigation. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Greenlight` : 'Greenlight';
  }, [title]);
}
