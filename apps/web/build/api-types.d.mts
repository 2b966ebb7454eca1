/** See api-types.mjs. */
export function apiTypes(document: unknown): Promise<string>;
