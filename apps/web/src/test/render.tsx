import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { makeQueryClient, Providers, routes } from '../App';

// Every page's chunk is imported once here, so a route shows as soon as a test renders it (the router
// waits for a lazy route's module; a first import under happy-dom can outlast findBy's timeout).
const preload = (list: RouteObject[]): Promise<unknown> =>
  Promise.all(
    list.map((route) => Promise.all([route.lazy instanceof Function && route.lazy(), preload(route.children ?? [])])),
  );
await preload(routes);

/** Renders one element inside the app's providers and a router. */
export function renderWithProviders(element: ReactElement, path = '/') {
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: [path] });
  return render(
    <Providers client={makeQueryClient()}>
      <RouterProvider router={router} />
    </Providers>,
  );
}

/** Renders the whole app at a path. */
export function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return render(
    <Providers client={makeQueryClient()}>
      <RouterProvider router={router} />
    </Providers>,
  );
}

type Handler = (url: URL, init: RequestInit) => { status?: number; body?: unknown } | undefined;

/** A fake network: each request goes to the handler, which answers like the API would. */
export function fakeApi(handler: Handler) {
  const calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetchMock = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const body = typeof init.body === 'string' && init.body ? JSON.parse(init.body) : undefined;
    calls.push({
      method: init.method ?? 'GET',
      path: url.pathname + url.search,
      body,
      headers: (init.headers ?? {}) as Record<string, string>,
    });
    const answer =
      handler(url, init) ??
      // A site with passwords and no single sign-on, unless a test says otherwise.
      (url.pathname === '/api/auth/providers'
        ? { body: { localLogin: true, oidc: null } }
        : { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'no' } });
    return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  globalThis.fetch = fetchMock as typeof fetch;
  return calls;
}
