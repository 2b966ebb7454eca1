import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import * as didKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import didContext from 'did-context';
import { offlineDocumentLoader } from '../credentials/document-loader';

export interface LoadedDocument {
  document: Record<string, any>;
  documentUrl: string;
  contextUrl: string | null;
}
export type VerificationLoader = (url: string) => Promise<LoadedDocument>;

const MAX_BYTES = 512 * 1024;
const TIMEOUT_MS = 5000;

/** Loopback, private, link-local and unique-local addresses: never fetched on a caller's behalf. */
function isInternal(address: string): boolean {
  if (address.includes(':')) {
    const a = address.toLowerCase();
    if (a.startsWith('::ffff:')) return isInternal(a.slice(7));
    return a === '::1' || a === '::' || a.startsWith('fc') || a.startsWith('fd') || a.startsWith('fe80');
  }
  const [x, y] = address.split('.').map(Number);
  return (
    x === 10 ||
    x === 127 ||
    x === 0 ||
    (x === 169 && y === 254) ||
    (x === 172 && y >= 16 && y <= 31) ||
    (x === 192 && y === 168) ||
    (x === 100 && y >= 64 && y <= 127)
  );
}

/**
 * Fetches another issuer's document (its profile, key or status list) for a verification someone asked
 * for: HTTPS only in production and never to an internal address (the verifier must not become a way
 * into the network it runs in), five seconds and 512 KiB at most, JSON only.
 */
export async function fetchPublicJson(url: string, allowInsecure: boolean): Promise<Record<string, any>> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && !(allowInsecure && parsed.protocol === 'http:')) {
    throw new Error(`only https addresses are fetched (${parsed.protocol})`);
  }
  if (!allowInsecure) {
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
    if (addresses.some(isInternal)) throw new Error(`${parsed.hostname} is not a public address`);
  }
  const response = await fetch(url, {
    headers: { accept: 'application/ld+json, application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new Error(`${url} is too large`);
  const body = JSON.parse(text);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error(`${url} is not a JSON object`);
  return body;
}

/**
 * The document loader a verification runs with: the JSON-LD contexts from npm, this platform's own
 * documents answered in process (`own`, null when the URL is not ours), did:key resolved locally, and
 * other issuers' documents fetched with `fetchPublicJson`.
 */
export function verificationLoader(
  own: (url: string) => Promise<Record<string, any> | null>,
  remote: (url: string) => Promise<Record<string, any>>,
): VerificationLoader {
  const contexts = offlineDocumentLoader({ [didContext.CONTEXT_URL]: didContext.CONTEXT });
  const didKeys = didKey.driver();
  didKeys.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
  const loaded = (document: Record<string, any>, documentUrl: string): LoadedDocument => ({
    document,
    documentUrl,
    contextUrl: null,
  });
  return async (url) => {
    try {
      return await contexts(url);
    } catch {
      // Not a bundled context: one of the cases below.
    }
    const ours = await own(url);
    if (ours) return loaded(ours, url);
    if (url.startsWith('did:key:')) return loaded(await didKeys.get({ url }), url);
    if (/^https?:\/\//.test(url)) return loaded(await remote(url), url);
    throw new Error(`cannot resolve ${url}`);
  };
}
