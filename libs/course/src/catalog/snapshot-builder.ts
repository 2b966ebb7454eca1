import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { DocumentItem, DocumentQuestion, ModuleDocument } from '@greenlight/content';
import { localize, type LocalizedText } from '@greenlight/common';
import type { ModuleSnapshot, NumericAnswer, SnapshotItem, SnapshotQuestion } from '../catalog-reader/module-snapshot';

/**
 * Ids derived from the module id (the UUID v5 namespace) and the authored keys, so the same unit,
 * item, question or option has the same id in every version and a member's progress keeps its meaning.
 */
export function stableId(moduleId: string, ...keys: string[]): string {
  return uuidv5(JSON.stringify(keys), moduleId);
}

export interface SnapshotHeader {
  moduleId: string;
  version: number;
  publishedAt: string;
}

/** Freezes a validated document into the snapshot shape other services read. */
export function buildSnapshot(header: SnapshotHeader, document: ModuleDocument): ModuleSnapshot {
  const { moduleId } = header;
  return {
    moduleId,
    slug: document.slug,
    version: header.version,
    publishedAt: header.publishedAt,
    title: document.title,
    summary: document.summary,
    certificate: {
      enabled: document.certificate.enabled,
      cpdHours: document.certificate.cpdHours,
      ...(document.certificate.validForMonths ? { validForMonths: document.certificate.validForMonths } : {}),
    },
    opensAt: document.opensAt,
    closesAt: document.closesAt,
    tracks: document.tracks.map((track) => ({ key: track.key, title: track.title })),
    units: document.units.map((unit, index) => ({
      id: stableId(moduleId, 'unit', unit.key),
      key: unit.key,
      position: index + 1,
      title: unit.title,
      tracks: [...unit.tracks],
      items: unit.items.map((item) => buildItem(moduleId, unit.key, item, document.grading)),
    })),
  };
}

function buildItem(
  moduleId: string,
  unitKey: string,
  item: DocumentItem,
  grading: ModuleDocument['grading'],
): SnapshotItem {
  const base = { id: stableId(moduleId, 'item', unitKey, item.key), key: item.key, title: item.title };
  switch (item.kind) {
    case 'lesson':
      return {
        ...base,
        kind: 'lesson',
        body: item.body,
        videoUrl: item.videoUrl,
        estimatedMinutes: item.estimatedMinutes,
      };
    case 'quiz':
      return {
        ...base,
        kind: 'quiz',
        passMark: item.passMark,
        maxAttempts: item.maxAttempts,
        ...(grading?.ignoreAccents ? { grading: { ignoreAccents: true } } : {}),
        questions: item.questions.map((question) => buildQuestion(moduleId, [unitKey, item.key], question)),
      };
    case 'event':
      return {
        ...base,
        kind: 'event',
        startsAt: new Date(item.startsAt).toISOString(),
        endsAt: new Date(item.endsAt).toISOString(),
        location: item.location,
        joinUrl: item.joinUrl,
      };
  }
}

function buildQuestion(moduleId: string, itemKeys: string[], question: DocumentQuestion): SnapshotQuestion {
  const id = (...keys: string[]) =>
    stableId(moduleId, ...keys.slice(0, 1), ...itemKeys, question.key, ...keys.slice(1));
  const shared = {
    id: id('question'),
    key: question.key,
    prompt: question.prompt,
    ...(question.format ? { format: question.format } : {}),
  };
  if (question.type === 'description') return { ...shared, type: 'description' };
  const base = {
    ...shared,
    ...(question.feedback ? { feedback: { ...question.feedback } } : {}),
    ...(question.generalFeedback !== undefined ? { generalFeedback: question.generalFeedback } : {}),
  };
  switch (question.type) {
    case 'single':
    case 'multiple': {
      // Once one option is weighted a multiple-answer question is scored by weights, so every option gets
      // one (0 when unweighted); a single-choice option keeps its own weight only (partial credit).
      const weighted = question.type === 'multiple' && question.options.some((o) => o.weight !== undefined);
      return {
        ...base,
        type: question.type,
        options: question.options.map((option) => ({
          id: id('option', option.key),
          key: option.key,
          text: option.text,
          correct:
            question.type === 'single'
              ? option.correct || option.weight === 100
              : option.correct || (option.weight ?? 0) > 0,
          ...(weighted ? { weight: option.weight ?? 0 } : {}),
          ...(question.type === 'single' && option.weight !== undefined ? { weight: option.weight } : {}),
          ...(option.feedback !== undefined ? { feedback: option.feedback } : {}),
        })),
      };
    }
    case 'truefalse':
      return { ...base, type: 'truefalse', answer: question.answer };
    case 'short':
      return {
        ...base,
        type: 'short',
        accept: question.accept.map((entry) => (typeof entry === 'object' && 'text' in entry ? { ...entry } : entry)),
      };
    case 'numeric':
      return {
        ...base,
        type: 'numeric',
        answer: question.answer,
        tolerance: question.tolerance,
        ...(question.ranges?.length ? { ranges: question.ranges.map((r) => ({ min: r.min, max: r.max })) } : {}),
        ...(question.answers?.length ? { answers: question.answers.map(numericAnswer) } : {}),
        ...(question.otherwiseFeedback !== undefined ? { otherwiseFeedback: question.otherwiseFeedback } : {}),
      };
    case 'matching': {
      // A choice's id comes from its (English) text, so equal texts are one choice and nothing in it
      // points at the pair it belongs to.
      const choiceOf = (text: LocalizedText) => id('choice', localize(text, 'en'));
      const choices = new Map<string, LocalizedText>();
      for (const text of [...question.pairs.map((p) => p.right), ...(question.distractors ?? [])]) {
        if (!choices.has(choiceOf(text))) choices.set(choiceOf(text), text);
      }
      return {
        ...base,
        type: 'matching',
        pairs: question.pairs.map((pair) => ({
          id: id('pair', pair.key),
          key: pair.key,
          left: pair.left,
          right: pair.right,
          choiceId: choiceOf(pair.right),
        })),
        choices: [...choices].map(([choiceId, text]) => ({ id: choiceId, text })),
      };
    }
  }
}

type DocumentNumericAnswer = NonNullable<Extract<DocumentQuestion, { type: 'numeric' }>['answers']>[number];

function numericAnswer(answer: DocumentNumericAnswer): NumericAnswer {
  const credit = {
    ...(answer.weight !== undefined ? { weight: answer.weight } : {}),
    ...(answer.feedback !== undefined ? { feedback: answer.feedback } : {}),
  };
  if (answer.value !== undefined) return { value: answer.value, tolerance: answer.tolerance ?? 0, ...credit };
  return { min: answer.min as number, max: answer.max as number, ...credit };
}

/** A fingerprint of a validated document: equal documents (whatever their key order or format) hash equally. */
export function documentHash(document: ModuleDocument): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
