import { z } from 'zod';
import { giftSourceToQuestions, type GiftSource } from './gift/gift-source';
import { formatPath, ModuleDocument, moduleDocumentSchema } from './module-document.schema';

/** `warnings`: what was accepted but imported differently from what was written (GIFT essays skipped, …). */
export type ValidationResult =
  | { ok: true; document: ModuleDocument; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

/** Every problem of the document at once, each as `path: message`. */
export function validateModuleDocument(input: unknown): ValidationResult {
  const result = moduleDocumentSchema.safeParse(input);
  const warnings = giftWarnings(input);
  if (result.success) return { ok: true, document: result.data, warnings };
  const errors = result.error.issues.flatMap(expand).map(({ path, message }) => {
    const text = message.replace(/^Invalid input: /, '').replace(/^expected \w+, received undefined$/, 'is required');
    return path.length ? `${formatPath(path)}: ${text}` : text;
  });
  return { ok: false, errors: [...new Set(errors)], warnings };
}

/**
 * The warnings of every quiz's GIFT, with the quiz's path. GIFT is read a second time here (a schema
 * transform cannot hand warnings back); the reader is linear, so this costs as much as the first read.
 */
function giftWarnings(input: unknown): string[] {
  const warnings: string[] = [];
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const field = (value: unknown, name: string): unknown =>
    value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
  list(field(input, 'units')).forEach((unit, i) =>
    list(field(unit, 'items')).forEach((item, j) => {
      const gift = field(item, 'gift');
      const isSource =
        typeof gift === 'string' || (typeof field(gift, 'en') === 'string' && ['string', 'undefined'].includes(typeof field(gift, 'fr')));
      if (!isSource) return;
      for (const warning of giftSourceToQuestions(gift as GiftSource).warnings) {
        warnings.push(`units[${i}].items[${j}].gift: ${warning}`);
      }
    }),
  );
  return warnings;
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
