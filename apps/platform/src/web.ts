import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Greenlight</title></head>
<body><main><h1>Greenlight</h1><p>The web front end has not been built yet. The API is at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

/**
 * Serves the built React app next to the API: its files as they are, and index.html for every
 * other page route so the client-side router can take over. Unknown /api paths stay JSON 404s.
 */
export async function serveWeb(app: NestFastifyApplication, distDir: string): Promise<void> {
  const root = resolve(distDir);
  const indexFile = join(root, 'index.html');
  const hasBuild = existsSync(indexFile);
  const fastify = app.getHttpAdapter().getInstance();
  if (hasBuild) {
    await app.register(fastifyStatic, { root, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  const indexHtml = () => (hasBuild ? readFileSync(indexFile, 'utf8') : PLACEHOLDER);
  const page = indexHtml();
  fastify.get('/*', (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      return reply
        .status(404)
        .send({ statusCode: 404, error: 'Not Found', message: `Cannot GET ${request.url.split('?')[0]}` });
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
  });
}
