import { timestamp, uuid } from '@greenlight/common';
import { z } from 'zod';
import { draftModuleResponse } from '../../catalog/dto/catalog-response.dto';

/**
 * The shapes the authoring routes answer, for the OpenAPI document (and the web's generated types).
 * Module documents themselves are described by GET /api/modules/schema, so they appear here as objects.
 */

export const userRefResponse = z.object({ id: uuid(), name: z.string() }).meta({ id: 'UserRef' });

const draftStamp = {
  revision: z.string().meta({ description: 'Opaque; changes on every save. Send it back as If-Match.' }),
  updatedBy: userRefResponse.nullable().meta({ description: 'Who saved last (null: the content importer)' }),
  updatedAt: timestamp(),
};

export const draftDocumentResponse = z
  .looseObject({
    slug: z
      .string()
      .meta({ description: 'The rest of the module document, as authored (see GET /api/modules/schema)' }),
    ...draftStamp,
  })
  .meta({ id: 'DraftDocument' });

export const savedDraftResponse = draftModuleResponse
  .extend({ revision: z.string().meta({ description: 'The new revision' }) })
  .meta({ id: 'SavedDraft' });

export const draftConflictResponse = z
  .object({
    statusCode: z.literal(409),
    error: z.string(),
    message: z.string(),
    code: z.literal('DRAFT_CONFLICT'),
    ...draftStamp,
  })
  .meta({ id: 'DraftConflict' });

export const publishResultResponse = z
  .object({ version: z.int().min(1), changed: z.literal(true) })
  .meta({ id: 'PublishResult' });

export const draftChangeResponse = z
  .object({
    kind: z.enum(['added', 'removed', 'changed']),
    path: z.string().meta({
      example: 'units[0].items[1].questions[2]',
      description: 'In the draft (in the published version for removed things); GIFT questions after authored ones',
    }),
    title: z.string().meta({ description: "Its title or a question's prompt, in the caller's language" }),
    fields: z.array(z.string()).meta({ description: 'For changed: which fields differ', example: ['passMark'] }),
    affectsGrading: z
      .boolean()
      .meta({ description: 'Answers, correct options, pass marks, questions added or removed, tolerance…' }),
  })
  .meta({ id: 'DraftChange' });

export const draftChangesResponse = z
  .object({
    publishedVersion: z.int().min(1).nullable().meta({ description: 'null: never published' }),
    changes: z.array(draftChangeResponse).meta({ description: 'Empty: nothing to publish' }),
  })
  .meta({ id: 'DraftChanges' });

export const versionResponse = z
  .object({
    version: z.int().min(1),
    publishedAt: timestamp(),
    publishedBy: userRefResponse.nullable().meta({ description: 'null: published by the content importer' }),
  })
  .meta({ id: 'Version' });

export const documentCheckResponse = z
  .object({
    valid: z.boolean(),
    errors: z.array(z.string()).meta({ description: 'Every problem with its path, as a save would answer them' }),
    document: z.record(z.string(), z.unknown()).meta({ description: 'The document as sent (YAML read as JSON)' }),
  })
  .meta({ id: 'DocumentCheck' });

export const previewAttemptResponse = z
  .object({
    score: z.number().min(0).max(100),
    passed: z.boolean(),
    passMark: z.number(),
    results: z.array(z.object({ questionId: uuid(), correct: z.boolean(), feedback: z.string().optional() })),
  })
  .meta({ id: 'PreviewAttempt' });
