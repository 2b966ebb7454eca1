import i18n from '../i18n';

/** An API error in the API.md shape, with the messages flattened to a list. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    /** The error body as sent, for errors a page acts on (e.g. a draft conflict's `code` and `revision`). */
    readonly body?: unknown,
  ) {
    super(messages.join('\n') || `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Sent as is with this content type instead of JSON. */
  raw?: { body: string; contentType: string };
  query?: Record<string, string | number | undefined | null>;
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Every call goes to the same origin with the session cookie (httpOnly, set by the auth routes);
 * the front end never holds a token. Accept-Language asks for texts in the chosen language.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': i18n.language || 'en',
    ...options.headers,
  };
  let body: string | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(buildUrl(path, options.query), {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    credentials: 'same-origin',
  });
  const text = await response.text();
  const data = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (!response.ok) throw new ApiError(response.status, errorMessages(data, response.statusText), data);
  return data as T;
}

export function errorMessages(data: unknown, fallback: string): string[] {
  if (data && typeof data === 'object' && 'message' in data) {
    const message = (data as { message: unknown }).message;
    if (Array.isArray(message)) return message.map(String);
    if (typeof message === 'string') return [message];
  }
  if (typeof data === 'string' && data) return [data];
  return fallback ? [fallback] : [];
}
