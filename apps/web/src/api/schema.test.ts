import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypes } from '../../build/api-types.mjs';

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

describe("the web's API types", () => {
  it('are what openapi-typescript makes of the committed OpenAPI document (`npm run openapi` rewrites both)', async () => {
    // The document itself is checked against the server's routes by apps/platform/src/openapi.spec.ts.
    expect(read('./schema.d.ts')).toBe(await apiTypes(JSON.parse(read('./openapi.json'))));
  });
});
