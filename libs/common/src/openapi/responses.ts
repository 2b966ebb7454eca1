import { ApiOkResponse } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * Building blocks of the response DTOs: zod schemas that the routes name in `@ApiOkResponse({ standardSchema })`,
 * which @nestjs/swagger turns into the OpenAPI document's components (a schema's `meta({ id })` is its name there).
 */

/** An ISO-8601 timestamp as the API writes it (`Date#toISOString()`). */
export const timestamp = () => z.string().meta({ format: 'date-time' });

/** A UUID. */
export const uuid = () => z.string().meta({ format: 'uuid' });

/** `{items, total, page, pageSize}`: one page of a list, and how many there are in all. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.int().min(0),
    page: z.int().min(1),
    pageSize: z.int().min(1),
  });
}

/** A 200 whose body is a file or a stream of one of the given types, not JSON. */
export function ApiFileResponse(description: string, ...contentTypes: [string, ...string[]]) {
  const file = { schema: { type: 'string' as const, format: 'binary' } };
  return ApiOkResponse({ description, content: Object.fromEntries(contentTypes.map((type) => [type, file])) });
}
