/** What the content page needs to know about an uploaded module document before sending it. */
export interface DocumentInfo {
  yaml: boolean;
  slug: string | null;
  parseError: string | null;
}

export function inspectDocument(fileName: string, text: string): DocumentInfo {
  const yaml = /\.ya?ml$/i.test(fileName) || !/^\s*[{[]/.test(text);
  if (yaml) {
    const match = text.match(/^slug:\s*["']?([A-Za-z0-9._-]+)["']?\s*$/m);
    return { yaml, slug: match?.[1] ?? null, parseError: null };
  }
  try {
    const parsed = JSON.parse(text) as { slug?: unknown };
    return { yaml, slug: typeof parsed?.slug === 'string' ? parsed.slug : null, parseError: null };
  } catch (error) {
    return { yaml, slug: null, parseError: (error as Error).message };
  }
}

/** "units[1].items[0]: message" → path and message, so problems can be shown by where they are. */
export function splitProblem(message: string): { path: string | null; message: string } {
  const match = message.match(/^([A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$]*)*)\s*:\s*(.+)$/s);
  return match ? { path: match[1], message: match[2] } : { path: null, message };
}
