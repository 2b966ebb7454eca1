import { Locale, localize, LocalizedText } from '@greenlight/common';
import type {
  ModuleSnapshot,
  SnapshotItem,
  SnapshotOption,
  SnapshotQuestion,
  SnapshotUnit,
} from '../catalog-reader/module-snapshot';
import { canonicalJson } from '../catalog/snapshot-builder';

export interface DraftChange {
  kind: 'added' | 'removed' | 'changed';
  /**
   * Where the thing is, in the validation errors' notation (`units[1].items[0].questions[2]`): in the
   * draft, or in the published version when it was removed. GIFT questions count after authored ones.
   */
  path: string;
  /** Its title (a question's prompt), in the caller's language. */
  title: string;
  /** For `changed`: which of its fields differ (`passMark`, `options`, `position`…). */
  fields: string[];
  /** Whether a member answering the same way could now score or pass differently. */
  affectsGrading: boolean;
}

/**
 * What publishing the draft would change against the published version, at module, track, unit, item
 * and question level. Things are matched by their stable ids, which derive from the authored keys:
 * a renamed key, or an item moved to another unit, is a removal plus an addition, as it is for progress.
 */
export function draftChanges(published: ModuleSnapshot | null, draft: ModuleSnapshot, locale: Locale): DraftChange[] {
  const text = (value: LocalizedText) => localize(value, locale);
  const changes: DraftChange[] = [];
  const add = (change: Omit<DraftChange, 'fields'> & { fields?: string[] }) => changes.push({ fields: [], ...change });

  if (published) {
    for (const field of otherFields(published, draft, MODULE_PARTS)) {
      add({ kind: 'changed', path: field, title: text(draft.title), fields: [field], affectsGrading: false });
    }
  }
  const tracks = matchByKey(published?.tracks ?? [], draft.tracks);
  for (const { before, after, index, beforeIndex } of tracks) {
    if (!before) add({ kind: 'added', path: `tracks[${index}]`, title: text(after!.title), affectsGrading: false });
    else if (!after)
      add({ kind: 'removed', path: `tracks[${beforeIndex}]`, title: text(before.title), affectsGrading: false });
    else {
      const fields = differing(before, after, ['title']).concat(beforeIndex !== index ? ['position'] : []);
      if (fields.length)
        add({ kind: 'changed', path: `tracks[${index}]`, title: text(after.title), fields, affectsGrading: false });
    }
  }

  for (const unit of matchById(published?.units ?? [], draft.units)) {
    const path = unitPath(unit);
    const title = text((unit.after ?? unit.before!).title);
    if (!unit.before || !unit.after) {
      add({ kind: unit.after ? 'added' : 'removed', path, title, affectsGrading: false });
    } else {
      const fields = differing(unit.before, unit.after, ['title', 'tracks', 'position']);
      if (fields.length) add({ kind: 'changed', path, title, fields, affectsGrading: false });
    }
    for (const item of matchById(unit.before?.items ?? [], unit.after?.items ?? [])) {
      itemChanges(item, path, text, add);
    }
  }
  return changes;
}

type Add = (change: Omit<DraftChange, 'fields'> & { fields?: string[] }) => void;

/** Parts compared on their own (or not at all: ids follow from keys, the header from publishing). */
const MODULE_PARTS = new Set(['moduleId', 'slug', 'version', 'publishedAt', 'tracks', 'units']);
const ITEM_PARTS = new Set(['id', 'key', 'kind', 'questions']);
const QUESTION_PARTS = new Set(['id', 'key', 'options']);
const OPTION_PARTS = new Set(['id', 'key']);
/**
 * What members read but are not graded on. Every other field of a quiz, question or option (pass mark,
 * attempts, answers, tolerance, accepted texts, weights, how typed answers compare…) is grading, so a
 * field added to the schema later counts as grading until someone says otherwise here.
 */
const WORDING = new Set(['title', 'prompt', 'text', 'feedback', 'generalFeedback', 'format', 'position']);

function itemChanges(match: Match<SnapshotItem>, unitPath: string, text: (t: LocalizedText) => string, add: Add) {
  const { before, after } = match;
  const path = `${unitPath}.items[${after ? match.index : match.beforeIndex}]`;
  const title = text((after ?? before!).title);
  if (!before || !after) {
    // A quiz coming or going changes what a member must pass; questions inside it go with it.
    add({ kind: after ? 'added' : 'removed', path, title, affectsGrading: (after ?? before!).kind === 'quiz' });
    return;
  }
  const fields =
    before.kind !== after.kind
      ? ['kind']
      : otherFields(before, after, ITEM_PARTS).concat(match.beforeIndex !== match.index ? ['position'] : []);
  if (fields.length) {
    const quiz = before.kind === 'quiz' || after.kind === 'quiz';
    add({ kind: 'changed', path, title, fields, affectsGrading: quiz && fields.some((f) => !WORDING.has(f)) });
  }
  if (before.kind !== 'quiz' || after.kind !== 'quiz') return;
  for (const question of matchById(before.questions, after.questions)) {
    const questionPath = `${path}.questions[${question.after ? question.index : question.beforeIndex}]`;
    const prompt = text((question.after ?? question.before!).prompt);
    if (!question.before || !question.after) {
      add({ kind: question.after ? 'added' : 'removed', path: questionPath, title: prompt, affectsGrading: true });
      continue;
    }
    const { fields: questionFields, affectsGrading } = questionDifferences(question);
    if (questionFields.length) {
      add({ kind: 'changed', path: questionPath, title: prompt, fields: questionFields, affectsGrading });
    }
  }
}

/** A question changed: its wording and order are not grading; its type, answer key and options' correctness are. */
function questionDifferences(match: Match<SnapshotQuestion>): { fields: string[]; affectsGrading: boolean } {
  const before = match.before!;
  const after = match.after!;
  const own = otherFields(before, after, QUESTION_PARTS).concat(match.beforeIndex !== match.index ? ['position'] : []);
  let optionsGrading = false;
  let optionsWording = false;
  const options = (question: SnapshotQuestion) => ('options' in question ? question.options : []);
  for (const option of matchById<SnapshotOption>(options(before), options(after))) {
    if (!option.before || !option.after) {
      optionsGrading = true;
      continue;
    }
    const changed = otherFields(option.before, option.after, OPTION_PARTS);
    if (changed.some((f) => !WORDING.has(f))) optionsGrading = true;
    if (changed.some((f) => WORDING.has(f)) || option.beforeIndex !== option.index) optionsWording = true;
  }
  return {
    fields: [...own, ...(optionsGrading || optionsWording ? ['options'] : [])],
    affectsGrading: optionsGrading || own.some((f) => !WORDING.has(f)),
  };
}

interface Match<T> {
  before?: T;
  after?: T;
  /** Position in the draft (for added and kept things). */
  index: number;
  /** Position in the published version (for removed and kept things). */
  beforeIndex: number;
}

/** Draft order first (kept and added), then what the draft no longer has. */
function matchBy<T>(before: T[], after: T[], id: (value: T) => string): Match<T>[] {
  const earlier = new Map(before.map((value, index) => [id(value), { value, index }]));
  const kept = new Set<string>();
  const matches: Match<T>[] = after.map((value, index) => {
    const old = earlier.get(id(value));
    if (old) kept.add(id(value));
    return { before: old?.value, after: value, index, beforeIndex: old?.index ?? -1 };
  });
  before.forEach((value, index) => {
    if (!kept.has(id(value))) matches.push({ before: value, index: -1, beforeIndex: index });
  });
  return matches;
}

const matchById = <T extends { id: string }>(before: T[], after: T[]) => matchBy(before, after, (v) => v.id);
const matchByKey = <T extends { key: string }>(before: T[], after: T[]) => matchBy(before, after, (v) => v.key);

const unitPath = (unit: Match<SnapshotUnit>) => `units[${unit.after ? unit.index : unit.beforeIndex}]`;

function differing<T extends object>(before: T, after: T, fields: string[]): string[] {
  return fields.filter(
    (field) => !same((before as Record<string, unknown>)[field], (after as Record<string, unknown>)[field]),
  );
}

/** The fields, on either side, that differ, leaving out the parts compared on their own. */
function otherFields<T extends object>(before: T, after: T, parts: Set<string>): string[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !parts.has(f));
  return differing(before, after, fields);
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
