import { validateModuleDocument } from '@greenlight/content/validate-document';
import { frenchGaps, type FrenchGap } from '@greenlight/content/translation/french-gaps';
import { splitProblem } from '../../../lib/document';
import type { ModuleInput } from './model';

export interface Problem {
  /** `units[1].items[0].title.en`, or '' for the document as a whole. */
  path: string;
  message: string;
}

export interface Check {
  problems: Problem[];
  /** Problems by the path they name. */
  byPath: Map<string, string[]>;
  /** Texts without French: flagged where they are, counted for the module; they never block a save. */
  frenchGaps: FrenchGap[];
  frenchMissing: Set<string>;
}

/** Problems written as the server and the schema write them (`path: message`), indexed by path. */
export function indexProblems(messages: readonly string[]): Problem[] {
  return messages.map((message) => {
    const split = splitProblem(message);
    return { path: split.path ?? '', message: split.message };
  });
}

export function byPath(problems: readonly Problem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { path, message } of problems) map.set(path, [...(map.get(path) ?? []), message]);
  return map;
}

/** The very rules the server applies (libs/content), run on every edit. */
export function checkDocument(document: ModuleInput): Check {
  const result = validateModuleDocument(document);
  const problems = result.ok ? [] : indexProblems(result.errors);
  // A text not written yet in English is a problem of its own, not a missing translation.
  const gaps = frenchGaps(document).filter((gap) => gap.en.trim() !== '');
  return { problems, byPath: byPath(problems), frenchGaps: gaps, frenchMissing: new Set(gaps.map((gap) => gap.path)) };
}
