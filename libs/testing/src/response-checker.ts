import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface Document {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>
  >;
  components?: object;
}

/**
 * Checks a JSON answer against the schema the OpenAPI document gives for its route and status: the response
 * DTOs must say what the server really sends (no field missing, none it does not describe, the right types),
 * since the web's types are generated from them. Returns ajv's messages; empty when the answer fits.
 */
export function responseChecker(document: Document) {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction | null>();
  return (method: string, route: string, status: number, body: unknown): string[] => {
    const key = `${method} ${route} ${status}`;
    if (!compiled.has(key)) {
      const schema =
        document.paths[route]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.['application/json']
          ?.schema;
      compiled.set(
        key,
        schema ? ajv.compile(jsonSchemaOf({ allOf: [schema], components: document.components }) as object) : null,
      );
    }
    const validate = compiled.get(key);
    if (!validate) return [`${key}: the document gives no JSON schema for this answer`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${key}: ${error.instancePath || '(body)'} ${error.message} ${JSON.stringify(error.params)}, got ${JSON.stringify(error.data)}`,
    );
  };
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: "this, or null". Ajv reads `nullable` only beside a `type`,
 * and zod writes a nullable reference as `nullable` beside `allOf`/`$ref`.
 */
function jsonSchemaOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, jsonSchemaOf(value)]));
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}
