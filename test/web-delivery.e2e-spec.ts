/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Browser } from 'playwright-core';
import { buildWeb, launchChromium, startWebApp, WebApp } from './support/web-app';

/**
 * The catalog route's initial JavaScript (the entry, its static imports and the catalog page's chunk), gzipped:
 * issue 17's budget. The browser build runs on Preact's React compatibility layer (docs/web.md, "Budget").
 */
const INITIAL_JS_BUDGET = 120 * 1024;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET whose body is read as it came over the wire (fetch would decompress it and hide the proof). */
function raw(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

interface Manifest {
  [source: string]: { file: string; isEntry?: boolean; imports?: string[]; css?: string[] };
}

describe('how the web front end is delivered (compression, caching, server rendering, crawlers)', () => {
  let web: WebApp;
  let distDir: string;
  let browser: Browser;
  let serial: string;
  let memberToken: string;
  let enrolmentId: string;
  const slug = `green-sets-${randomBytes(3).toString('hex')}`;
  const draftSlug = `${slug}-draft`;

  beforeAll(async () => {
    distDir = buildWeb();
    web = await startWebApp(distDir);
    browser = await launchChromium();

    const staff = await call(web.url, 'POST', '/api/auth/register', {
      email: `staff-${slug}@example.org`,
      password: 'staff password 123',
      name: 'Program Staff',
    });
    await web.db.pool.query(`UPDATE auth.users SET role = 'staff' WHERE id = $1`, [staff.body.user.id]);
    const staffToken = (
      await call(web.url, 'POST', '/api/auth/login', {
        email: `staff-${slug}@example.org`,
        password: 'staff password 123',
      })
    ).body.accessToken;
    const document = (key: string, title: string) => ({
      slug: key,
      title: { en: title, fr: `${title} (FR)` },
      summary: { en: 'Sustainable production, in one lesson.', fr: 'La production durable, en une leçon.' },
      certificate: { enabled: true, cpdHours: 1 },
      tracks: [],
      units: [{ key: 'u1', title: 'Basics', items: [{ key: 'l1', kind: 'lesson', title: 'Why', body: 'Because.' }] }],
    });
    expect((await call(web.url, 'POST', '/api/modules', document(slug, 'Green Sets 101'), staffToken)).status).toBe(
      201,
    );
    expect((await call(web.url, 'POST', `/api/modules/${slug}/publish`, undefined, staffToken)).status).toBe(201);
    expect((await call(web.url, 'POST', '/api/modules', document(draftSlug, 'Unpublished'), staffToken)).status).toBe(
      201,
    );

    // A member completes the module; the worker issues the certificate whose verify page is rendered below.
    const member = await call(web.url, 'POST', '/api/auth/register', {
      email: `ana-${slug}@example.org`,
      password: 'member password 123',
      name: 'Ana Producer',
    });
    const token = member.body.accessToken as string;
    memberToken = token;
    const enrolment = await call(web.url, 'POST', `/api/modules/${slug}/enrolments`, {}, token);
    enrolmentId = enrolment.body.id;
    const detail = await call(web.url, 'GET', `/api/modules/${slug}`);
    const itemId = detail.body.units[0].items[0].id as string;
    expect(
      (await call(web.url, 'POST', `/api/enrolments/${enrolment.body.id}/items/${itemId}/complete`, undefined, token))
        .status,
    ).toBe(200);
    for (let tries = 0; !serial && tries < 100; tries++) {
      const certificates = await call(web.url, 'GET', '/api/me/certificates', undefined, token);
      serial = certificates.body?.[0]?.serial;
      if (!serial) await new Promise((done) => setTimeout(done, 200));
    }
    expect(serial).toBeTruthy();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const manifest = (): Manifest => JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
  const entryFile = () => Object.values(manifest()).find((chunk) => chunk.isEntry)!.file;

  it('keeps the catalog route’s initial JavaScript within the budget', () => {
    const chunks = manifest();
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      chunks[key].imports?.forEach(visit);
    };
    visit(Object.keys(chunks).find((key) => chunks[key].isEntry)!);
    // The catalog page's own chunk is fetched before the route shows, so it counts too.
    visit('src/pages/CatalogPage.tsx');
    const gzipped = [...seen].reduce(
      (total, key) => total + gzipSync(readFileSync(join(distDir, chunks[key].file)), { level: 9 }).length,
      0,
    );
    expect(gzipped).toBeGreaterThan(10 * 1024);
    expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
    // The charts and the staff pages stay out of it.
    expect([...seen].filter((key) => /charts|recharts|pages\/staff/.test(key))).toEqual([]);
  });

  it('sends hashed assets precompressed (brotli, else gzip) and cached for a year', async () => {
    const file = entryFile();
    const original = readFileSync(join(distDir, file));
    const br = await raw(`${web.url}/${file}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
    expect(br.body.length).toBeLessThan(original.length / 2);

    const gz = await raw(`${web.url}/${file}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(original)).toBe(true);

    const plain = await raw(`${web.url}/${file}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);

    const css = manifest()['index.html'].css![0];
    const style = await raw(`${web.url}/${css}`, { 'accept-encoding': 'br' });
    expect(style.headers['content-encoding']).toBe('br');
    expect(style.headers['cache-control']).toContain('immutable');
    // The server renderer and the build's bookkeeping are not served.
    expect((await raw(`${web.url}/server/entry-server.cjs`)).headers['content-type']).toMatch(/text\/html/);
    expect((await raw(`${web.url}/.vite/manifest.json`)).headers['content-type']).toMatch(/text\/html/);
  });

  it('compresses pages and large API answers, revalidates pages, and leaves small API answers alone', async () => {
    const page = await raw(`${web.url}/`, { 'accept-encoding': 'br, gzip' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(page.body).toString()).toContain('Green Sets 101');

    const docs = await raw(`${web.url}/api/docs-json`, { 'accept-encoding': 'gzip' });
    expect(docs.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(docs.body).toString()).openapi).toMatch(/^3\./);

    const health = await raw(`${web.url}/api/health`, { 'accept-encoding': 'br, gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString()).status).toBe('ok');
  });

  it('renders the catalog, a module and the verify page on the server, readable with scripts off', async () => {
    const context = await browser.newContext({ baseURL: web.url, javaScriptEnabled: false, locale: 'en-CA' });
    const page = await context.newPage();

    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Modules' }).waitFor();
    const card = page.getByRole('article', { name: 'Green Sets 101' });
    await expect(card.textContent()).resolves.toContain('Sustainable production, in one lesson.');
    expect(await page.title()).toBe('Modules · Greenlight');
    await expect(page.getByText('Unpublished').count()).resolves.toBe(0);

    await page.goto(`/modules/${slug}`);
    await page.getByRole('heading', { level: 1, name: 'Green Sets 101' }).waitFor();
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe('Green Sets 101 · Greenlight');
    expect(await page.locator('meta[property="og:description"]').getAttribute('content')).toBe(
      'Sustainable production, in one lesson.',
    );

    const answer = await page.goto(`/verify/${serial}`);
    expect(answer?.status()).toBe(200);
    const verdict = page.getByRole('status');
    await expect(verdict.textContent()).resolves.toContain('Valid certificate');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Ana Producer');
    expect(text).toContain('Green Sets 101');
    expect(text).toContain(serial);
    expect(text).toMatch(/Completed: \w+ \d{1,2}, \d{4}/);
    expect(text).toMatch(/Issued: \w+ \d{1,2}, \d{4}/);
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(
      'Certificate of Ana Producer: Green Sets 101',
    );
    expect(await page.locator('meta[name="twitter:description"]').getAttribute('content')).toMatch(
      /^Valid certificate\. Ana Producer completed Green Sets 101 on /,
    );
    expect(await page.locator('meta[name="twitter:card"]').getAttribute('content')).toBe('summary');
    expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(
      `${web.config.PUBLIC_URL.replace(/\/$/, '')}/verify/${serial}`,
    );

    const unknown = await page.goto('/verify/GL-NOT-A-SERIAL');
    expect(unknown?.status()).toBe(404);
    await page.getByRole('alert').filter({ hasText: 'Unknown certificate' }).waitFor();

    // French from Accept-Language, before any script could choose.
    const french = await browser.newContext({ baseURL: web.url, javaScriptEnabled: false, locale: 'fr-CA' });
    const frenchPage = await french.newPage();
    await frenchPage.goto(`/verify/${serial}`);
    await frenchPage.getByRole('heading', { level: 1, name: 'Vérification de certificat' }).waitFor();
    expect(await frenchPage.locator('html').getAttribute('lang')).toBe('fr');
    await expect(frenchPage.getByRole('status').textContent()).resolves.toContain('Certificat valide');
    await french.close();
    await context.close();
  }, 60_000);

  it('hands the server’s page to the app without errors, and the app takes over', async () => {
    const context = await browser.newContext({ baseURL: web.url, locale: 'en-CA' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/verify/')) apiCalls.push(request.url());
    });
    await page.goto(`/verify/${serial}`);
    await page.waitForLoadState('networkidle');
    // The app rendered from the server's data: no second fetch of the verdict.
    expect(apiCalls).toEqual([]);
    await page.getByText('Français').click();
    await page.getByRole('heading', { level: 1, name: 'Vérification de certificat' }).waitFor();
    await page.getByRole('link', { name: 'Greenlight' }).click();
    await page.getByRole('article', { name: 'Green Sets 101 (FR)' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('sends a signed-in page with who it is for, kept private, so the header is right from the first frame', async () => {
    const stateOf = (html: string) =>
      JSON.parse(/<script type="application\/json" id="[^"]+">([\s\S]*?)<\/script>/.exec(html)![1]) as {
        queries: { queryKey: unknown[]; state: { data: unknown } }[];
      };
    const me = (html: string) => stateOf(html).queries.find((q) => q.queryKey[0] === 'me')?.state.data;
    const mine = await raw(`${web.url}/learn/${enrolmentId}`, { cookie: `gl_session=${memberToken}` });
    expect(mine.headers['cache-control']).toBe('private, no-cache');
    expect(mine.headers.vary).toContain('cookie');
    expect(me(mine.body.toString('utf8'))).toMatchObject({ name: 'Ana Producer', email: `ana-${slug}@example.org` });
    // A cookie whose session is not valid: signed out, said as such; no cookie: signed out, and cacheable.
    const stale = await raw(`${web.url}/learn/${enrolmentId}`, { cookie: 'gl_session=not-a-token' });
    expect(me(stale.body.toString('utf8'))).toBeNull();
    const anonymous = await raw(`${web.url}/learn/${enrolmentId}`);
    expect(anonymous.headers['cache-control']).toBe('no-cache');
    expect(me(anonymous.body.toString('utf8'))).toBeNull();

    // In the browser: the signed-in header from the start, and no question to the API about who is there.
    const context = await browser.newContext({ baseURL: web.url, locale: 'en-CA' });
    await context.addCookies([{ name: 'gl_session', value: memberToken, url: web.url }]);
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/auth/me') asked.push(request.url());
    });
    await page.goto(`/learn/${enrolmentId}`);
    await page.getByText('Signed in as Ana Producer').waitFor();
    await page.waitForLoadState('networkidle');
    expect(asked).toEqual([]);
    await context.close();
  }, 60_000);

  it('answers robots.txt and a sitemap of the published modules', async () => {
    const origin = web.config.PUBLIC_URL.replace(/\/$/, '');
    const robots = await fetch(`${web.url}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(robots.headers.get('content-type')).toMatch(/^text\/plain/);
    const rules = await robots.text();
    expect(rules).toMatch(/^User-agent: \*$/m);
    expect(rules).toMatch(/^Disallow: \/api\/$/m);
    expect(rules).toMatch(/^Disallow: \/staff$/m);
    expect(rules).not.toMatch(/^Disallow: \/verify/m);
    expect(rules).toContain(`Sitemap: ${origin}/sitemap.xml`);

    const sitemap = await fetch(`${web.url}/sitemap.xml`);
    expect(sitemap.status).toBe(200);
    expect(sitemap.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await sitemap.text();
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toContain(`<loc>${origin}/</loc>`);
    expect(xml).toContain(`<loc>${origin}/modules/${slug}</loc>`);
    expect(xml).not.toContain(draftSlug);
  });

  it('answers unknown /api and /.well-known paths with a JSON 404, never the app', async () => {
    for (const path of ['/api/nothing-here', '/api', '/.well-known/nothing', '/.well-known/openid-configuration']) {
      const response = await fetch(web.url + path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ statusCode: 404, error: 'Not Found', message: `Cannot GET ${path}` });
    }
    expect((await fetch(`${web.url}/.well-known/jwks.json`)).status).toBe(200);
  });

  it('counts a server-rendered verify page against its visitor, not against the server itself', async () => {
    // Behind one trusted proxy, with a low limit: each visitor has their own allowance, also for SSR pages.
    const limited = await startWebApp(distDir, { env: { TRUST_PROXY: '1', VERIFY_RATE_LIMIT: '3' } });
    try {
      const visit = async (visitor: string) => {
        const answer = await fetch(`${limited.url}/verify/GL-2026-0000-0000-0000`, {
          headers: { 'x-forwarded-for': visitor, accept: 'text/html' },
        });
        return { status: answer.status, html: await answer.text() };
      };
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 50));
      for (let i = 0; i < 3; i++) {
        const page = await visit('203.0.113.20');
        expect(page.status).toBe(404);
        expect(page.html).toContain('Unknown certificate');
      }
      const refused = await visit('203.0.113.20');
      expect(refused.status).toBe(429);
      expect(refused.html).toMatch(
        /Too many certificate checks from your network: at most 3 a minute\. Try again in \d+ seconds\./,
      );
      const other = await visit('203.0.113.21');
      expect(other.status).toBe(404);
      expect(other.html).toContain('Unknown certificate');
    } finally {
      await limited.close();
    }
  }, 60_000);
});
