import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The shapes the authoring routes answer, for the OpenAPI document (and the web's generated types).
 * Module documents themselves are described by GET /api/modules/schema, so they appear here as objects.
 */

export class UserRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class DraftStampDto {
  @ApiProperty({ description: 'Opaque; changes on every save. Send it back as If-Match.' })
  revision: string;

  @ApiProperty({ type: UserRefDto, nullable: true, description: 'Who saved last (null: the content importer)' })
  updatedBy: UserRefDto | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class DraftDocumentDto extends DraftStampDto {
  @ApiProperty({ description: 'The rest of the module document, as authored (see GET /api/modules/schema)' })
  slug: string;
}

export class SavedDraftDto {
  @ApiProperty({ description: 'The new revision' })
  revision: string;

  @ApiProperty()
  slug: string;

  @ApiProperty({ enum: ['draft'] })
  status: string;

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Units with their items and the answer key' })
  units: object[];
}

export class DraftConflictDto extends DraftStampDto {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({ example: 'Conflict' })
  error: string;

  @ApiProperty()
  message: string;

  @ApiProperty({ enum: ['DRAFT_CONFLICT'] })
  code: string;
}

export class PublishResultDto {
  @ApiProperty({ minimum: 1 })
  version: number;

  @ApiProperty({ enum: [true] })
  changed: boolean;
}

export class DraftChangeDto {
  @ApiProperty({ enum: ['added', 'removed', 'changed'] })
  kind: string;

  @ApiProperty({
    example: 'units[0].items[1].questions[2]',
    description: 'In the draft (in the published version for removed things); GIFT questions after authored ones',
  })
  path: string;

  @ApiProperty({ description: "Its title or a question's prompt, in the caller's language" })
  title: string;

  @ApiProperty({ type: [String], description: 'For changed: which fields differ', example: ['passMark'] })
  fields: string[];

  @ApiProperty({ description: 'Answers, correct options, pass marks, questions added or removed, tolerance…' })
  affectsGrading: boolean;
}

export class DraftChangesDto {
  @ApiProperty({ type: Number, nullable: true, description: 'null: never published' })
  publishedVersion: number | null;

  @ApiProperty({ type: [DraftChangeDto], description: 'Empty: nothing to publish' })
  changes: DraftChangeDto[];
}

export class VersionDto {
  @ApiProperty({ minimum: 1 })
  version: number;

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;

  @ApiProperty({ type: UserRefDto, nullable: true, description: 'null: published by the content importer' })
  publishedBy: UserRefDto | null;
}

export class DocumentCheckDto {
  @ApiProperty()
  valid: boolean;

  @ApiProperty({ type: [String], description: 'Every problem with its path, as a save would answer them' })
  errors: string[];

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The document as sent (YAML read as JSON)' })
  document: Record<string, unknown>;
}

export class PreviewResultDto {
  @ApiProperty({ format: 'uuid' })
  questionId: string;

  @ApiProperty()
  correct: boolean;

  @ApiPropertyOptional()
  feedback?: string;
}

export class PreviewAttemptDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  score: number;

  @ApiProperty()
  passed: boolean;

  @ApiProperty()
  passMark: number;

  @ApiProperty({ type: [PreviewResultDto] })
  results: PreviewResultDto[];
}
