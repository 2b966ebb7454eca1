import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Answers that may carry no body (202 Accepted, 204 No Content, redirects); if they declare one it needs a schema. */
const BODILESS = new Set(['202', '204', '301', '302', '303', '307', '308']);

/**
 * The operations of a document whose success answers say nothing of their body: no 2xx (or redirect)
 * response at all, or one without a schema for its content. The web's types come from these schemas, so
 * a route listed here would leave the web guessing. Empty: every route describes what it sends.
 */
export function undescribedResponses(document: OpenAPIObject): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^[23]\d\d$/.test(status));
      const described = successes.filter(([status, response]) => {
        const content = response && 'content' in response ? response.content : undefined;
        if (!content && BODILESS.has(status)) return true;
        return Boolean(content && Object.keys(content).length && Object.values(content).every((media) => media.schema));
      });
      if (!successes.length || described.length < successes.length) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return missing;
}
