#!/usr/bin/env node
// `npm run openapi`: writes the platform's OpenAPI document to apps/web/src/api/openapi.json and the web's API
// types generated from it to apps/web/src/api/schema.d.ts. Both are committed; `npm test` fails when they are
// not what the code gives (apps/platform/src/openapi.spec.ts, apps/web/src/api/schema.test.ts).
// Needs no database, Redis or configuration: the document is read from the routes' decorators alone.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { apiTypes } from '../apps/web/build/api-types.mjs';

const root = new URL('..', import.meta.url).pathname;
const build = spawnSync(join(root, 'node_modules', '.bin', 'nest'), ['build', 'platform'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { platformApiDocument, apiDocumentText } = require(join(root, 'dist', 'apps', 'platform', 'src', 'openapi.js'));
const document = await platformApiDocument();
const apiDir = join(root, 'apps', 'web', 'src', 'api');
writeFileSync(join(apiDir, 'openapi.json'), apiDocumentText(document));
writeFileSync(join(apiDir, 'schema.d.ts'), await apiTypes(JSON.parse(apiDocumentText(document))));
console.log(`Wrote apps/web/src/api/openapi.json (${Object.keys(document.paths).length} paths) and schema.d.ts`);
// The process holds nothing open, but Nest's preview app may leave timers: the work is done.
process.exit(0);
