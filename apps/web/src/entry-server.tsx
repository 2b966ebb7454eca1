// The server renderer: built by `vite build` into dist/server/entry-server.cjs and called by the platform
// (apps/platform/src/web.ts) for the public pages, so their first HTML already shows the content.
import { dehydrate } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStaticHandler, createStaticRouter, matchPath, StaticRouterProvider } from 'react-router-dom';
import { ApiError, errorMessages } from './api/client';
import { publicReads, type PublicRead } from './api/hooks';
import { ME_KEY } from './api/session';
import type { ModuleDetail, Verification } from './api/types';
import { makeQueryClient, Providers, routes } from './App';
import i18n, { i18nReady, LANGUAGES, type Language } from './i18n';
import { languageTag } from './i18n/languages';
import { formatDate } from './lib/format';
import { verdictKey } from './pages/VerifyPage';
export { SERVER_STATE_ID } from './server-state';

export { LANGUAGES };
export type { Language };

/** How the renderer reads the API: the platform answers in process, exactly as it answers the browser. */
export type ApiReader = (path: string, language: Language) => Promise<{ status: number; body: unknown }>;

export interface RenderedPage {
  status: number;
  /** `<title>`, description, Open Graph and Twitter tags; undefined keeps index.html's. */
  head?: string;
  /** The markup that goes inside `<div id="root">` (empty for the pages the browser draws alone). */
  html: string;
  /** The query cache the markup was rendered from, as JSON safe inside a `<script>` element. */
  state: string;
}

interface Meta {
  title: string;
  description: string;
  type?: 'website' | 'article';
}

interface ServerPage {
  pattern: string;
  /** The API reads the page shows; the first one decides the HTTP status (an unknown module is a 404). */
  reads: (params: Record<string, string>, language: Language) => PublicRead[];
  /** The link preview; undefined when the page's data is missing (its error is the page). */
  meta: (page: MetaContext) => Meta | undefined;
}

interface MetaContext {
  params: Record<string, string>;
  read: <T>(read: PublicRead) => T | undefined;
  t: TFunction;
  language: Language;
}

const site = (title: string) => `${title} · Greenlight`;

/** The pages rendered on the server: everyone's, and what they need from the API. */
const serverPages: ServerPage[] = [
  {
    pattern: '/',
    reads: (_, language) => [publicReads.modules(language)],
    meta: ({ t }) => ({ title: site(t('catalog.title')), description: t('catalog.intro') }),
  },
  {
    pattern: '/modules/:slug',
    reads: ({ slug }, language) => [publicReads.module(slug, language), publicReads.modules(language)],
    meta: ({ params, read, language }) => {
      const module = read<ModuleDetail>(publicReads.module(params.slug, language));
      return module && { title: site(module.title), description: module.summary, type: 'article' };
    },
  },
  {
    pattern: '/verify',
    reads: () => [],
    meta: ({ t }) => ({ title: site(t('verifyCredential.title')), description: t('verifyCredential.intro') }),
  },
  {
    pattern: '/verify/:serial',
    reads: ({ serial }, language) => [publicReads.verification(serial, language)],
    meta: ({ params, read, t, language }) => {
      const verification = read<Verification>(publicReads.verification(params.serial, language));
      if (!verification) return undefined;
      const names = { holder: verification.holderName, module: verification.module.title };
      return {
        title: t('meta.verifyTitle', names),
        description: t('meta.verifyDescription', {
          ...names,
          verdict: t(`verify.${verdictKey(verification)}Title`),
          date: formatDate(verification.completedAt, language),
          issuer: verification.issuer.name,
        }),
      };
    },
  },
];

const handler = createStaticHandler(routes);
/** One i18next per language (clones share the texts), so concurrent requests never switch each other's. */
const translators = i18nReady
  .then(() => i18n.loadLanguages([...LANGUAGES]))
  .then(
    () =>
      Object.fromEntries(LANGUAGES.map((language) => [language, i18n.cloneInstance({ lng: language })])) as Record<
        Language,
        typeof i18n
      >,
  );

export interface RenderRequest {
  url: string;
  language: Language;
  /** Whether the request carries a session cookie: without one the visitor is signed out, no need to ask. */
  hasSession: boolean;
  readApi: ApiReader;
  /**
   * `GET /api/auth/me` with the request's session: who the page is for, so its first render already has
   * the signed-in header (no shift when the browser learns it later) and the browser need not ask.
   */
  readSession?: () => Promise<{ status: number; body: unknown }>;
  /** PUBLIC_URL, for the absolute URLs of the link preview. */
  origin: string;
}

const stateJson = (client: ReturnType<typeof makeQueryClient>) =>
  JSON.stringify(dehydrate(client)).replace(/</g, '\\u003c');

/**
 * Renders a public page with its data; the other pages (signed-in ones, sign-in) are drawn by the browser,
 * and get only the state: who is signed in (null without a session cookie, or when the session has ended;
 * left to the browser when the server could not tell).
 */
export async function render({
  url,
  language,
  hasSession,
  readApi,
  readSession,
  origin,
}: RenderRequest): Promise<RenderedPage> {
  const { pathname } = new URL(url, origin);
  const client = makeQueryClient();
  if (!hasSession) client.setQueryData(ME_KEY, null);
  else if (readSession) {
    const session = await readSession();
    if (session.status === 200) client.setQueryData(ME_KEY, session.body);
    else if (session.status === 401) client.setQueryData(ME_KEY, null);
  }
  const found = serverPages
    .map((page) => ({ page, match: matchPath(page.pattern, pathname) }))
    .find((candidate) => candidate.match);
  if (!found) return { status: 200, html: '', state: stateJson(client) };
  const params = found.match!.params as Record<string, string>;
  const reads = found.page.reads(params, language);
  const answers = await Promise.all(
    reads.map((read) =>
      client
        .fetchQuery({
          queryKey: read.queryKey,
          queryFn: async () => {
            const answer = await readApi(read.path, language);
            if (answer.status >= 400) throw new ApiError(answer.status, errorMessages(answer.body, ''));
            return answer.body;
          },
          retry: false,
        })
        .then(
          () => 200,
          (error: unknown) => (error instanceof ApiError ? error.status : 500),
        ),
    ),
  );

  const context = await handler.query(new Request(new URL(url, origin)));
  if (context instanceof Response) return { status: 200, html: '', state: stateJson(client) };
  const router = createStaticRouter(handler.dataRoutes, context);
  const translator = (await translators)[language];
  const markup = renderToString(
    <I18nextProvider i18n={translator}>
      <Providers client={client}>
        <StaticRouterProvider router={router} context={context} hydrate={false} />
      </Providers>
    </I18nextProvider>,
  );
  const meta = found.page.meta({
    params,
    read: <T,>(read: PublicRead) => client.getQueryData<T>(read.queryKey),
    t: translator.t,
    language,
  }) ?? {
    title: site(translator.t('common.notFound')),
    description: translator.t('catalog.intro'),
  };
  return {
    status: answers[0],
    head: headTags(meta, new URL(pathname, origin).href, language),
    html: markup,
    state: stateJson(client),
  };
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function headTags(meta: Meta, url: string, language: Language): string {
  const title = escape(meta.title);
  const description = escape(meta.description);
  return [
    `<title>${title}</title>`,
    `<meta name="description" content="${description}" />`,
    `<link rel="canonical" href="${escape(url)}" />`,
    `<meta property="og:site_name" content="Greenlight" />`,
    `<meta property="og:type" content="${meta.type ?? 'website'}" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
    `<meta property="og:url" content="${escape(url)}" />`,
    `<meta property="og:locale" content="${languageTag(language).replace('-', '_')}" />`,
    `<meta name="twitter:card" content="summary" />`,
    `<meta name="twitter:title" content="${title}" />`,
    `<meta name="twitter:description" content="${description}" />`,
  ].join('\n    ');
}
