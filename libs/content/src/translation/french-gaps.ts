/**
 * The one rule for "has this module been translated into French?", shared by the content check in
 * `npm test`, the authoring API and the studio's "French: N texts missing" counter (so it stays free
 * of Node-only imports: the web build bundles it).
 *
 * A text lacks French when it is a bare string, when its `fr` is missing or blank, or when `fr` repeats
 * `en` without `same: true` (the marking of a proper noun or a title of a work, deliberately the same).
 * A GIFT quiz is one text: its French version is a whole French GIFT (`gift: {en, fr}`).
 */
export interface FrenchGap {
  /** Where the text is, written like the schema's error paths: `units[1].items[0].title`. */
  path: string;
  /** The English text (or the only text there is), for showing what needs translating. */
  en: string;
}

/**
 * Fields whose strings are identifiers, dates, URLs or track keys, never text a member reads. Every other
 * string in a document is text, so a text field added to the schema later is covered without touching this.
 */
const NOT_TEXT = new Set([
  'slug',
  'key',
  'kind',
  'type',
  'startsAt',
  'endsAt',
  'opensAt',
  'closesAt',
  'joinUrl',
  'videoUrl',
  'tracks',
  // A question's text format (plain, markdown, html, moodle), as the GIFT work on branch gift adds it.
  'format',
]);

/**
 * The texts of a module document as authored (a content/ folder as loaded, or GET /api/modules/:slug/document)
 * that have no French version; an invalid draft is read as far as it goes.
 */
export function frenchGaps(document: unknown): FrenchGap[] {
  const gaps: FrenchGap[] = [];
  walk(document, '', '', gaps);
  return gaps;
}

function walk(value: unknown, path: string, field: string, gaps: FrenchGap[]): void {
  if (typeof value === 'string') {
    if (!NOT_TEXT.has(field) && value.trim()) gaps.push({ path, en: value });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((element, i) => walk(element, `${path}[${i}]`, field, gaps));
    return;
  }
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (typeof record.en === 'string') {
    if (lacksFrench(record)) gaps.push({ path, en: record.en });
    return;
  }
  for (const [name, child] of Object.entries(record)) walk(child, path ? `${path}.${name}` : name, name, gaps);
}

function lacksFrench(text: Record<string, unknown>): boolean {
  if (text.same === true) return false;
  const en = String(text.en).trim();
  const fr = typeof text.fr === 'string' ? text.fr.trim() : '';
  return !fr || fr === en;
}
