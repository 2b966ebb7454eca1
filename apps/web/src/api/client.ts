import i18n from '../i18n';
import type { paths } from './schema';

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

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Route = keyof paths;
type MethodOf<P extends Route> = { [M in Method]: paths[P][M] extends undefined | never ? never : M }[Method];
type Operation<P extends Route, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body of an operation's success answers (200, 201, 202), as the OpenAPI document describes it. */
export type Answered<P extends Route, M extends MethodOf<P>> =
  Operation<P, M> extends { responses: infer R }
    ? {
        [S in keyof R]: S extends 200 | 201 | 202
          ? R[S] extends { content: { 'application/json': infer B } }
            ? B
            : never
          : S extends 204
            ? undefined
            : never;
      }[keyof R]
    : never;

type PathParams<P extends Route, M extends Method> =
  Operation<P, M> extends { parameters: { path: infer A } } ? A : never;
type QueryParams<P extends Route, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? Q : never;

export type RouteOptions<P extends Route, M extends MethodOf<P>> = Omit<RequestOptions, 'method' | 'query'> & {
  query?: [QueryParams<P, M>] extends [never] ? never : QueryParams<P, M> & RequestOptions['query'];
} & ([PathParams<P, M>] extends [never]
    ? { params?: never }
    : { params: Record<keyof PathParams<P, M>, string | number> });

/**
 * A call to one route of the API by its OpenAPI path (`/api/enrolments/{id}`): the path's parameters, the
 * query and the answer are typed from the server's document (schema.d.ts), so a route or a field the
 * server no longer has is a type error here and in every page that reads it.
 */
export function request<P extends Route, M extends MethodOf<P>>(
  method: M,
  route: P,
  ...[options]: [PathParams<P, M>] extends [never] ? [RouteOptions<P, M>?] : [RouteOptions<P, M>]
): Promise<Answered<P, M>> {
  const { params, ...rest } = (options ?? {}) as RequestOptions & { params?: Record<string, string | number> };
  const path = route.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${route}: no value for {${name}}`);
    return encodeURIComponent(String(value));
  });
  return api<Answered<P, M>>(path, { ...rest, method: method.toUpperCase() });
}
