/** A revision as an HTTP entity tag (quoted, strong). */
export const etag = (revision: string) => `"${revision}"`;

/**
 * `If-Match` as editors send it: the bare revision, or the quoted entity tag the server answered
 * (`"…"`, also `W/"…"`). `*` matches any revision, as in HTTP, so it means no check.
 */
export function parseIfMatch(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value || value === '*') return undefined;
  return value.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}
