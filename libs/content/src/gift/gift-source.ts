import type { LocalizedText } from '@greenlight/common';
import { giftToQuestions } from './gift-to-questions';

/** GIFT text in one language, or the same questions written in each language. */
export type GiftSource = string | { en: string; fr?: string };

export interface GiftProblem {
  /** Relative to the `gift` field: [] or ['en'] / ['fr']. */
  path: string[];
  message: string;
}

export interface GiftSourceResult {
  questions: unknown[];
  /** The (English) line each question starts on. */
  lines: number[];
  problems: GiftProblem[];
  /** What was imported differently from what was written; nothing is refused for these. */
  warnings: string[];
}

/** Fields whose strings are identifiers, equal in every language; every other string is text to translate. */
const IDENTIFIERS = new Set(['key', 'type', 'format']);

/**
 * Questions from GIFT. With `{en, fr}` both texts must hold the same questions with the same
 * answers; their wording is merged into `{en, fr}` texts (accepted short answers from both count).
 */
export function giftSourceToQuestions(source: GiftSource): GiftSourceResult {
  if (typeof source === 'string') {
    const { questions, lines, errors, warnings } = giftToQuestions(source);
    return { questions, lines, problems: errors.map((message) => ({ path: [], message })), warnings };
  }
  const en = giftToQuestions(source.en);
  const problems = en.errors.map((message) => ({ path: ['en'], message }));
  const warnings = en.warnings.map((warning) => `en: ${warning}`);
  if (source.fr === undefined) return { questions: en.questions, lines: en.lines, problems, warnings };
  const fr = giftToQuestions(source.fr);
  problems.push(...fr.errors.map((message) => ({ path: ['fr'], message })));
  warnings.push(...fr.warnings.map((warning) => `fr: ${warning}`));
  if (problems.length) return { questions: [], lines: [], problems, warnings };

  const questions: unknown[] = [];
  const count = Math.max(en.questions.length, fr.questions.length);
  for (let i = 0; i < count; i++) {
    const key = en.questions[i]?.key ?? fr.questions[i]?.key;
    const merged = mergeLanguages(en.questions[i], fr.questions[i]);
    if (merged === MISMATCH) {
      problems.push({
        path: ['fr'],
        message: `question "${key}": the French GIFT must hold the same questions, in the same order, with the same answers as the English`,
      });
    } else {
      questions.push(merged);
    }
  }
  return { questions, lines: en.lines, problems, warnings };
}

const MISMATCH = Symbol('mismatch');

const isText = (value: unknown, field: string) => typeof value === 'string' && !IDENTIFIERS.has(field);

function mergeLanguages(en: unknown, fr: unknown, field = ''): unknown {
  // Feedback written in one language only is shown to everyone in that language.
  if ((en === undefined || fr === undefined) && (field === 'feedback' || isText(en ?? fr, field))) return en ?? fr;
  if (typeof en === 'string' && typeof fr === 'string') {
    if (IDENTIFIERS.has(field)) return en === fr ? en : MISMATCH;
    return en === fr ? en : ({ en, fr } satisfies LocalizedText);
  }
  if (Array.isArray(en) && Array.isArray(fr)) {
    if (field === 'accept') return [...new Set([...en, ...fr])];
    if (en.length !== fr.length) return MISMATCH;
    const merged = en.map((value, i) => mergeLanguages(value, fr[i], field));
    return merged.includes(MISMATCH) ? MISMATCH : merged;
  }
  if (en && fr && typeof en === 'object' && typeof fr === 'object') {
    const keys = new Set([...Object.keys(en), ...Object.keys(fr)]);
    const merged: Record<string, unknown> = {};
    for (const key of keys) {
      const value = mergeLanguages((en as Record<string, unknown>)[key], (fr as Record<string, unknown>)[key], key);
      if (value === MISMATCH) return MISMATCH;
      merged[key] = value;
    }
    return merged;
  }
  return en === fr ? en : MISMATCH;
}
