import type { z } from 'zod';
import type { moduleDocumentSchema } from '@greenlight/content/module-document.schema';
import type { Language } from '../../../i18n/languages';

/**
 * The editor works on the module document itself (what content/ files hold and POST/PUT take), so a
 * problem the schema reports at `units[1].items[0].title.en` names the very field being edited, and
 * what the editor makes can be exported, imported and diffed as a file.
 */
export type ModuleInput = z.input<typeof moduleDocumentSchema>;
export type UnitInput = ModuleInput['units'][number];
export type ItemInput = UnitInput['items'][number];
export type LessonInput = Extract<ItemInput, { kind: 'lesson' }>;
export type QuizInput = Extract<ItemInput, { kind: 'quiz' }>;
export type EventInput = Extract<ItemInput, { kind: 'event' }>;
export type QuestionInput = NonNullable<QuizInput['questions']>[number];
export type QuestionType = QuestionInput['type'];
export type OptionInput = Extract<QuestionInput, { options: unknown }>['options'][number];
export type PairInput = Extract<QuestionInput, { type: 'matching' }>['pairs'][number];
export type TextValue = ModuleInput['title'];

export type Path = (string | number)[];

/** The program's time zone: live sessions and dates are entered and shown in it unless the author picks another. */
export const PROGRAM_TIME_ZONE = 'America/Toronto';

export const QUESTION_TYPES: QuestionType[] = [
  'single',
  'multiple',
  'truefalse',
  'short',
  'numeric',
  'matching',
  'description',
];

/** A text as its two languages; a bare string is the English text (its French is still to write). */
export function textParts(value: unknown): { en: string; fr: string } {
  if (typeof value === 'string') return { en: value, fr: '' };
  if (value && typeof value === 'object') {
    const text = value as { en?: unknown; fr?: unknown };
    return { en: typeof text.en === 'string' ? text.en : '', fr: typeof text.fr === 'string' ? text.fr : '' };
  }
  return { en: '', fr: '' };
}

/**
 * The stored form of a text after an edit: `{en, fr}`, without `fr` while it is empty (the schema
 * refuses an empty French text, and a missing one is what the French counter looks for). Any other
 * marking the text carried (such as `same`) is kept.
 */
export function withLanguage(value: unknown, language: Language, text: string): TextValue {
  const rest = value && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : {};
  const next: Record<string, unknown> = { ...rest, ...textParts(value), [language]: text };
  if (!next.fr) delete next.fr;
  return next as TextValue;
}

/** "Banking for Producers!" → "banking-for-producers": the schema's slug rule (accents folded). */
export function slugify(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}

/** A key not yet used among `siblings`: `prefix1`, `prefix2`, … Keys never change once made. */
export function freshKey(prefix: string, siblings: readonly { key?: unknown }[] | undefined): string {
  const used = new Set((siblings ?? []).map((s) => s?.key));
  for (let n = (siblings?.length ?? 0) + 1; ; n++) {
    if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
  }
}

export function blankModule(): ModuleInput {
  return {
    slug: '',
    title: { en: '' },
    summary: { en: '' },
    certificate: { enabled: true, cpdHours: 0 },
    opensAt: null,
    closesAt: null,
    tracks: [],
    units: [],
  };
}

export function blankUnit(units: readonly UnitInput[]): UnitInput {
  return { key: freshKey('unit-', units), title: { en: '' }, tracks: [], items: [] };
}

export function blankItem(kind: ItemInput['kind'], items: readonly ItemInput[]): ItemInput {
  const key = freshKey(`${kind === 'event' ? 'session' : kind}-`, items);
  if (kind === 'lesson')
    return { key, kind, title: { en: '' }, body: { en: '' }, videoUrl: null, estimatedMinutes: null };
  if (kind === 'quiz') return { key, kind, title: { en: '' }, passMark: 70, maxAttempts: 3, questions: [] };
  return { key, kind, title: { en: '' }, startsAt: '', endsAt: '', location: null, joinUrl: null };
}

export function blankOption(options: readonly OptionInput[]): OptionInput {
  return { key: freshKey('o', options), text: { en: '' }, correct: false };
}

/**
 * A new question of a type, keeping the prompt, the general feedback (every graded type has it) and,
 * between choice types, the options when the type changes.
 */
export function questionOfType(type: QuestionType, key: string, previous?: QuestionInput): QuestionInput {
  const question = bareQuestion(type, key, previous);
  const general = previous && 'generalFeedback' in previous ? previous.generalFeedback : undefined;
  return general !== undefined && question.type !== 'description'
    ? { ...question, generalFeedback: general }
    : question;
}

function bareQuestion(type: QuestionType, key: string, previous?: QuestionInput): QuestionInput {
  const prompt = previous?.prompt ?? { en: '' };
  const options =
    previous && 'options' in previous && previous.options?.length
      ? previous.options
      : [
          { key: 'o1', text: { en: '' }, correct: true },
          { key: 'o2', text: { en: '' }, correct: false },
        ];
  switch (type) {
    case 'single':
    case 'multiple':
      return { key, type, prompt, options };
    case 'truefalse':
      return { key, type, prompt, answer: true };
    case 'short':
      return { key, type, prompt, accept: [{ en: '' }] };
    case 'numeric':
      return { key, type, prompt, answer: null, tolerance: 0 };
    case 'matching':
      return {
        key,
        type,
        prompt,
        pairs: [
          { key: 'p1', left: { en: '' }, right: { en: '' } },
          { key: 'p2', left: { en: '' }, right: { en: '' } },
        ],
      };
    case 'description':
      return { key, type, prompt };
  }
}

/** A copy of the document with `change` applied to the node at `path` (the document is never mutated). */
export function editAt<T>(document: ModuleInput, path: Path, change: (node: T) => T | void): ModuleInput {
  const next = structuredClone(document) as unknown as Record<string | number, unknown>;
  if (!path.length) return (change(next as T) ?? next) as unknown as ModuleInput;
  let parent = next as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  const result = change(parent[last] as T);
  if (result !== undefined) parent[last] = result;
  return next as unknown as ModuleInput;
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (to < 0 || to >= next.length || from === to) return next;
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/** `['units', 1, 'items', 0]` → `units[1].items[0]`, the schema's way of naming a place. */
export function pathKey(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${part}`)).join('');
}

const DATE_PARTS: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
};

/** Minutes east of UTC that `timeZone` is at the instant `utcMs`. */
function offsetMinutes(utcMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { ...DATE_PARTS, timeZone })
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** "2026-03-04T18:00" read in `timeZone` → "2026-03-04T18:00:00-05:00" (empty stays empty). */
export function zonedToIso(local: string, timeZone: string): string {
  const match = local.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/);
  if (!match) return '';
  const wall = Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5]);
  // Two passes find the offset in force at that wall time, daylight-saving changes included.
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.slice(0, 16)}:00${sign}${hh}:${mm}`;
}

/** An ISO date-time → "2026-03-04T18:00" as a clock in `timeZone` shows it ('' when it is not a date). */
export function isoToZoned(iso: string | null | undefined, timeZone: string): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { ...DATE_PARTS, timeZone })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** How many items a unit holds, for the "remove it?" question. */
export const itemCount = (unit: UnitInput | undefined) => unit?.items?.length ?? 0;
