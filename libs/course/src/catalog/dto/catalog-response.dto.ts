import { timestamp, uuid } from '@greenlight/common';
import { z } from 'zod';

/**
 * The catalog's responses, as the OpenAPI document (and so the web's types) describe them. Texts are in the
 * caller's language. The answer-key fields appear only for staff who ask for `?include=answers`.
 */

export const trackResponse = z.object({ key: z.string(), title: z.string() }).meta({ id: 'Track' });

const certificateSettings = z.object({ enabled: z.boolean(), cpdHours: z.number().min(0) });

export const moduleSummaryResponse = z
  .object({
    id: uuid(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    unitCount: z.int().min(0),
    tracks: z.array(trackResponse),
    certificate: certificateSettings,
    opensAt: timestamp().optional().meta({ description: 'Left out when the module has no opening date' }),
    closesAt: timestamp().optional().meta({ description: 'Left out when the module has no closing date' }),
    status: z.enum(['draft', 'published']).optional().meta({ description: 'Staff list (?status=all) only' }),
    version: z.int().min(1).nullable().optional().meta({ description: 'Staff list only: the newest version' }),
    publishedVersion: z.int().min(1).nullable().optional().meta({ description: 'Staff list only' }),
    hasUnpublishedChanges: z.boolean().optional().meta({ description: 'Staff list only' }),
    frenchMissing: z.int().min(0).optional().meta({ description: 'Staff list only: draft texts without French' }),
  })
  .meta({ id: 'ModuleSummary' });

const feedbackText = z.string();
const questionFeedback = z.object({ correct: feedbackText.optional(), incorrect: feedbackText.optional() });

export const optionResponse = z
  .object({
    id: uuid(),
    key: z.string(),
    text: z.string(),
    correct: z.boolean().optional().meta({ description: 'Answer key (staff, ?include=answers)' }),
    weight: z.number().optional().meta({ description: 'Answer key: a GIFT % weight' }),
    feedback: z.string().optional().meta({ description: 'Answer key' }),
  })
  .meta({ id: 'Option' });

export const questionResponse = z
  .object({
    id: uuid(),
    key: z.string(),
    type: z.enum(['single', 'multiple', 'truefalse', 'short', 'numeric', 'matching', 'description']),
    prompt: z.string(),
    format: z.enum(['plain', 'markdown', 'html', 'moodle']),
    options: z.array(optionResponse).optional().meta({ description: 'Single and multiple choice' }),
    items: z
      .array(z.object({ id: uuid(), key: z.string(), text: z.string() }))
      .optional()
      .meta({ description: 'Matching: the left-hand items, each to be paired with one of `choices`' }),
    choices: z
      .array(z.object({ id: uuid(), text: z.string() }))
      .optional()
      .meta({ description: 'Matching: every right-hand choice, sorted by text' }),
    answer: z.union([z.boolean(), z.number()]).optional().meta({ description: 'Answer key' }),
    accept: z.array(z.unknown()).optional().meta({ description: 'Answer key: short-answer accepted answers' }),
    tolerance: z.number().optional().meta({ description: 'Answer key' }),
    ranges: z.array(z.unknown()).optional().meta({ description: 'Answer key' }),
    answers: z.array(z.unknown()).optional().meta({ description: 'Answer key: numeric answers with feedback' }),
    otherwiseFeedback: z.string().optional().meta({ description: 'Answer key' }),
    pairs: z
      .array(z.object({ id: uuid(), key: z.string(), left: z.string(), right: z.string(), choiceId: uuid() }))
      .optional()
      .meta({ description: 'Answer key: matching pairs' }),
    feedback: questionFeedback.optional().meta({ description: 'Answer key' }),
    generalFeedback: z.string().optional().meta({ description: 'Answer key' }),
  })
  .meta({ id: 'Question' });

const itemBase = { id: uuid(), key: z.string(), title: z.string() };

export const lessonItemResponse = z
  .object({
    ...itemBase,
    kind: z.literal('lesson'),
    body: z.string().meta({ description: 'Markdown' }),
    videoUrl: z.string().nullable(),
    estimatedMinutes: z.number().nullable(),
  })
  .meta({ id: 'LessonItem' });

export const quizItemResponse = z
  .object({
    ...itemBase,
    kind: z.literal('quiz'),
    passMark: z.number().min(0).max(100),
    maxAttempts: z.int().min(1).nullable().meta({ description: 'null: unlimited' }),
    questions: z.array(questionResponse),
  })
  .meta({ id: 'QuizItem' });

export const eventItemResponse = z
  .object({
    ...itemBase,
    kind: z.literal('event'),
    startsAt: timestamp(),
    endsAt: timestamp(),
    location: z.string().nullable(),
    joinUrl: z.string().nullable(),
  })
  .meta({ id: 'EventItem' });

export const itemResponse = z
  .discriminatedUnion('kind', [lessonItemResponse, quizItemResponse, eventItemResponse])
  .meta({ id: 'Item' });

export const unitResponse = z
  .object({
    id: uuid(),
    key: z.string(),
    position: z.int().min(0),
    title: z.string(),
    tracks: z.array(z.string()).meta({ description: 'Track keys; empty: every track' }),
    items: z.array(itemResponse),
  })
  .meta({ id: 'Unit' });

export const moduleDetailResponse = z
  .object({
    id: uuid(),
    slug: z.string(),
    status: z.enum(['draft', 'published']),
    version: z.int().min(1).nullable().meta({ description: 'null for a draft' }),
    publishedAt: timestamp().optional().meta({ description: 'Published versions only' }),
    title: z.string(),
    summary: z.string(),
    certificate: certificateSettings,
    opensAt: timestamp().nullable(),
    closesAt: timestamp().nullable(),
    tracks: z.array(trackResponse),
    units: z.array(unitResponse),
  })
  .meta({ id: 'ModuleDetail' });

export const draftModuleResponse = moduleDetailResponse
  .extend({ warnings: z.array(z.string()).optional().meta({ description: 'What the document may not mean' }) })
  .meta({ id: 'DraftModule' });

export const previewModuleResponse = moduleDetailResponse
  .extend({ track: z.string().nullable().meta({ description: 'The track previewed' }) })
  .meta({ id: 'PreviewModule' });

export const moduleDocumentResponse = z
  .looseObject({ slug: z.string() })
  .meta({ id: 'ModuleDocument', description: 'A module document as authored (see GET /api/modules/schema)' });

export const jsonSchemaResponse = z
  .record(z.string(), z.unknown())
  .meta({ id: 'JsonSchema', description: 'A JSON Schema (draft 2020-12)' });
