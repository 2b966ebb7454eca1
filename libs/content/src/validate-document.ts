import { z } from 'zod';
import { formatPath, ModuleDocument, moduleDocumentSchema } from './module-document.schema';

export type ValidationResult = { ok: true; document: ModuleDocument } | { ok: false; errors: string[] };

/** Every problem of the document at once, each as `path: message`. */
export function validateModuleDocument(input: unknown): ValidationResult {
  const result = moduleDocumentSchema.safeParse(input);
  if (result.success) return { ok: true, document: result.data };
  const errors = result.error.issues.flatMap(expand).map(({ path, message }) => {
    const text = message.replace(/^Invalid input: /, '').replace(/^expected \w+, received undefined$/, 'is required');
    return path.length ? `${formatPath(path)}: ${text}` : text;
  });
  return { ok: false, errors: [...new Set(errors)] };
}

type Problem = { path: PropertyKey[]; message: string };

/**
 * A text is a string or an {en, fr} object; when an object was sent, its own problems
 * (`body.fr: …`) say more than the union's generic message.
 */
function expand(issue: z.core.$ZodIssue): Problem[] {
  if (issue.code === 'invalid_union' && issue.errors.length === 2) {
    const [asString, asObject] = issue.errors;
    const wasObject =
      asString.length === 1 &&
      asString[0].code === 'invalid_type' &&
      !asObject.some((sub) => sub.code === 'invalid_type' && sub.path.length === 0);
    if (wasObject) return asObject.flatMap((sub) => expand({ ...sub, path: [...issue.path, ...sub.path] }));
  }
  return [{ path: issue.path, message: issue.message }];
}

/** The document schema as JSON Schema, for authors' editors (GET /api/modules/schema). */
export function moduleDocumentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(moduleDocumentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
