import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ComponentType, ReactNode } from 'react';
import { Outlet, RouterProvider, type RouteObject } from 'react-router-dom';
import { ApiError } from './api/client';
import { Layout } from './components/Layout';
import { RequireAuth } from './components/State';
import { NotFoundPage } from './pages/NotFoundPage';
import { cssVariablesResolver, theme } from './theme';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
}

type Guard = (page: ReactNode) => ReactNode;
const member: Guard = (page) => <RequireAuth>{page}</RequireAuth>;
const staff: Guard = (page) => <RequireAuth staff>{page}</RequireAuth>;

/**
 * A page loaded on demand, in its own chunk with its own CSS: `...page(() => import('./pages/X'), 'XPage')`,
 * with `member` or `staff` as the third argument for signed-in pages. The router fetches the chunk before it
 * shows the route (no spinner in between), and the server renderer (entry-server.tsx) waits for it too.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M, guard?: Guard) {
  // One component however often the route loads, so routes that share a page share its identity too.
  let component: Promise<ComponentType> | undefined;
  return {
    lazy: async () => {
      component ??= load().then((loaded) => {
        const Page = loaded[name] as ComponentType;
        return guard ? () => guard(<Page />) : Page;
      });
      return { Component: await component };
    },
  } satisfies Pick<RouteObject, 'lazy'>;
}

/**
 * The editor's two addresses are one page: its first save moves `/staff/modules/new` to
 * `/staff/modules/:slug/edit`, and React keeps the same component mounted (with what the author is
 * typing) only when both routes render the very same component.
 */
const editorPage = page(() => import('./pages/staff/editor/EditorPage'), 'EditorPage', staff);

/** The page routes of API.md, plus the profile, "my learning" and staff content pages. */
export const routes: RouteObject[] = [
  {
    element: (
      <Layout>
        <Outlet />
      </Layout>
    ),
    children: [
      { path: '/', ...page(() => import('./pages/CatalogPage'), 'CatalogPage') },
      { path: '/login', ...page(() => import('./pages/LoginPage'), 'LoginPage') },
      { path: '/reset-password', ...page(() => import('./pages/AccountPages'), 'ResetPasswordPage') },
      { path: '/verify-email', ...page(() => import('./pages/AccountPages'), 'VerifyEmailPage') },
      { path: '/modules/:slug', ...page(() => import('./pages/ModulePage'), 'ModulePage') },
      { path: '/learning', ...page(() => import('./pages/MyLearningPage'), 'MyLearningPage', member) },
      { path: '/learn/:enrolmentId', ...page(() => import('./pages/LearnPage'), 'LearnPage', member) },
      { path: '/certificates', ...page(() => import('./pages/CertificatesPage'), 'CertificatesPage', member) },
      { path: '/profile', ...page(() => import('./pages/ProfilePage'), 'ProfilePage', member) },
      { path: '/unsubscribe/:token', ...page(() => import('./pages/UnsubscribePage'), 'UnsubscribePage') },
      { path: '/verify', ...page(() => import('./pages/CredentialVerifyPage'), 'CredentialVerifyPage') },
      { path: '/verify/:serial', ...page(() => import('./pages/VerifyPage'), 'VerifyPage') },
      { path: '/staff', ...page(() => import('./pages/staff/StaffDashboardPage'), 'StaffDashboardPage', staff) },
      {
        path: '/staff/modules/:slug',
        ...page(() => import('./pages/staff/StaffModulePage'), 'StaffModulePage', staff),
      },
      { path: '/staff/content', ...page(() => import('./pages/staff/StaffContentPage'), 'StaffContentPage', staff) },
      { path: '/staff/users', ...page(() => import('./pages/staff/StaffUsersPage'), 'StaffUsersPage', staff) },
      { path: '/staff/modules/new', ...editorPage },
      { path: '/staff/modules/:slug/edit', ...editorPage },
      {
        path: '/staff/modules/:slug/preview',
        ...page(() => import('./pages/staff/editor/PreviewPage'), 'PreviewPage', staff),
      },
      {
        path: '/staff/members/:id',
        ...page(() => import('./pages/staff/StaffMemberPage'), 'StaffMemberPage', staff),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}

type AppRouter = Parameters<typeof RouterProvider>[0]['router'];

/** main.tsx makes the router and the cache (seeded with what the server rendered) and hands them in. */
export function App({ router, client }: { router: AppRouter; client: QueryClient }) {
  return (
    <Providers client={client}>
      <RouterProvider router={router} />
    </Providers>
  );
}
