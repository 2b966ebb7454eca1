import type { TestApp } from '@greenlight/testing';
import { ACHIEVEMENT_CREDENTIAL_SCHEMA } from './credential-issuer.service';
import { offlineDocumentLoader } from './document-loader';
import { achievementCredentialSchemaDocument } from './one-edtech-schemas';

const urlOf = (input: string | URL | Request) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/**
 * What an outside verifier reaches, with nothing from the internet: the platform's own URLs (PUBLIC_URL)
 * answered by the test app over HTTP, the JSON-LD contexts from npm packages, and 1EdTech's schema at
 * the URL verifiers ask for it. Anything else is refused.
 */
export function offlineFetch(t: TestApp, realFetch: typeof fetch = globalThis.fetch): typeof fetch {
  const base = t.config.PUBLIC_URL.replace(/\/$/, '');
  const contexts = offlineDocumentLoader();
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = urlOf(input);
    if (url.startsWith(`${base}/`)) {
      const headers = input instanceof Request ? input.headers : init?.headers;
      return realFetch(t.url + url.slice(base.length), { method: 'GET', headers });
    }
    const json = (body: unknown, type = 'application/json') =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': type } });
    if (url === ACHIEVEMENT_CREDENTIAL_SCHEMA) return json(achievementCredentialSchemaDocument());
    try {
      return json((await contexts(url)).document, 'application/ld+json');
    } catch {
      throw new TypeError(`offline test: refused to fetch ${url}`);
    }
  }) as typeof fetch;
}

/** A JSON-LD document loader for @digitalbazaar/vc with the same reach as `offlineFetch`. */
export function offlineLoader(t: TestApp) {
  const contexts = offlineDocumentLoader();
  const fetchOffline = offlineFetch(t);
  return async (url: string) => {
    try {
      return await contexts(url);
    } catch {
      const response = await fetchOffline(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return { document: await response.json(), documentUrl: url, contextUrl: null };
    }
  };
}
