import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SESSION_COOKIE } from '@greenlight/auth';
import { type Locale, pickLocale } from '@greenlight/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Greenlight</title></head>
<body><main><h1>Greenlight</h1><p>The web front end has not been built yet. The API is at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

/** Content-hashed files (Vite's assets/) never change under their name; everything else is checked each time. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
type Language = Locale;

/** What apps/web/src/entry-server.tsx exports (built into dist/server/entry-server.cjs). */
interface ServerRenderer {
  render(request: {
    url: string;
    language: Language;
    hasSession: boolean;
    readApi: (path: string, language: Language) => Promise<{ status: number; body: unknown }>;
    readSession?: () => Promise<{ status: number; body: unknown }>;
    origin: string;
  }): Promise<{ status: number; head?: string; html: string; state: string }>;
  SERVER_STATE_ID: string;
}

export interface WebOptions {
  /** The built front end (WEB_DIST_DIR). */
  distDir: string;
  /** PUBLIC_URL: the origin of the absolute links in link previews, robots.txt and the sitemap. */
  publicUrl: string;
}

/**
 * Serves the built React app next to the API. Hashed assets go out precompressed (brotli or gzip, from
 * the build) and cached for a year; the public pages (catalog, module, verify) are rendered on the server
 * with their data, every other page route gets the app's shell. Unknown /api and /.well-known paths
 * answer a JSON 404 in API.md's error shape, never the app.
 */
export async function serveWeb(app: NestFastifyApplication, options: WebOptions): Promise<void> {
  const root = resolve(options.distDir);
  const origin = options.publicUrl.replace(/\/$/, '');
  const indexFile = join(root, 'index.html');
  const hasBuild = existsSync(indexFile);
  const fastify = app.getHttpAdapter().getInstance();
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      // The compressed copies are found through Accept-Encoding; the server renderer is not for browsers.
      globIgnore: ['index.html', '**/*.br', '**/*.gz', 'server/**', '.build-stamp'],
      setHeaders: (reply, path) =>
        reply.header('cache-control', path.startsWith(join(root, 'assets')) ? IMMUTABLE : REVALIDATE),
    });
  }
  const template = hasBuild ? readFileSync(indexFile, 'utf8') : PLACEHOLDER;
  const rendererFile = join(root, 'server', 'entry-server.cjs');
  // A plain require: the renderer is one self-contained CommonJS file (see apps/web/vite.config.ts).
  const renderer = existsSync(rendererFile) ? (createRequire(rendererFile)(rendererFile) as ServerRenderer) : undefined;

  /** The API's own answer to a GET, in process, on behalf of the page's visitor (their address counts). */
  const get = async (request: FastifyRequest, url: string, headers: Record<string, string>) => {
    const answer = await fastify.inject({
      method: 'GET',
      url,
      headers: { accept: 'application/json', ...headers },
      remoteAddress: request.ip,
    });
    return { status: answer.statusCode, body: answer.body ? answer.json() : undefined };
  };
  /** What the page shows: exactly what the browser would fetch, anonymously. */
  const readApi = (request: FastifyRequest) => (path: string, language: Language) =>
    get(request, path, { 'accept-language': language });
  /** Who the page is for: `GET /api/auth/me` with the request's own session cookie. */
  const readSession = (request: FastifyRequest) => () =>
    get(request, '/api/auth/me', { cookie: String(request.headers.cookie ?? '') });

  fastify.get('/robots.txt', (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', REVALIDATE)
      .send(
        [
          'User-agent: *',
          'Allow: /',
          ...['/api/', '/staff', '/learn', '/learning', '/certificates', '/profile'].map((p) => `Disallow: ${p}`),
          `Sitemap: ${origin}/sitemap.xml`,
          '',
        ].join('\n'),
      ),
  );

  fastify.get('/sitemap.xml', async (request, reply) => {
    const modules = await readApi(request)('/api/modules', 'en');
    const slugs = Array.isArray(modules.body) ? (modules.body as { slug: string }[]).map((m) => m.slug) : [];
    const urls = ['/', ...slugs.map((slug) => `/modules/${encodeURIComponent(slug)}`)];
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', REVALIDATE)
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
          .map((url) => `  <url><loc>${escapeXml(origin + url)}</loc></url>`)
          .join('\n')}\n</urlset>\n`,
      );
  });

  fastify.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (isApiPath(path)) return notFound(reply, path);
    const language = pageLanguage(request);
    const hasSession = Boolean(request.cookies[SESSION_COOKIE]);
    const page = renderer
      ? await renderer.render({
          url: request.url,
          language,
          hasSession,
          readApi: readApi(request),
          readSession: readSession(request),
          origin,
        })
      : null;
    const html = page
      ? template
          .replace(/<!--app-head-->[\s\S]*<!--\/app-head-->/, (head) => page.head ?? head)
          .replace('<!--app-html-->', page.html)
          .replace(
            '<!--app-state-->',
            `<script type="application/json" id="${renderer!.SERVER_STATE_ID}">${page.state}</script>`,
          )
      : template;
    return (
      reply
        .status(page?.status ?? 200)
        .type('text/html; charset=utf-8')
        // A page that carries its member's session state is theirs alone: no shared cache may keep it.
        .header('cache-control', hasSession ? `private, ${REVALIDATE}` : REVALIDATE)
        .header('vary', 'accept-language, cookie')
        .send(html.replace('<html lang="en"', `<html lang="${language}"`))
    );
  });
}

const isApiPath = (path: string) =>
  path === '/api' || path.startsWith('/api/') || path === '/.well-known' || path.startsWith('/.well-known/');

/** Other methods on unknown paths already get Nest's JSON 404; this is the GET that the page route would catch. */
function notFound(reply: FastifyReply, path: string) {
  return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `Cannot GET ${path}` });
}

/** `?lang=` first (as in the app), then the browser's Accept-Language, then English. */
function pageLanguage(request: FastifyRequest): Language {
  const asked = new URLSearchParams(request.url.split('?')[1] ?? '').get('lang') ?? undefined;
  return pickLocale(asked, String(request.headers['accept-language'] ?? ''));
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
