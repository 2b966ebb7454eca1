import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { createBrowserRouter, Outlet, RouterProvider, type RouteObject } from 'react-router-dom';
import { ApiError } from './api/client';
import { Layout } from './components/Layout';
import { Loading, RequireAuth } from './components/State';
import { CatalogPage } from './pages/CatalogPage';
import { CertificatesPage } from './pages/CertificatesPage';
import { LearnPage } from './pages/LearnPage';
import { LoginPage } from './pages/LoginPage';
import { ModulePage } from './pages/ModulePage';
import { MyLearningPage } from './pages/MyLearningPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';
import { VerifyPage } from './pages/VerifyPage';
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

// Staff pages (and the chart library) load only when staff open them.
const StaffDashboardPage = lazy(() =>
  import('./pages/staff/StaffDashboardPage').then((m) => ({ default: m.StaffDashboardPage })),
);
const StaffModulePage = lazy(() =>
  import('./pages/staff/StaffModulePage').then((m) => ({ default: m.StaffModulePage })),
);
const StaffContentPage = lazy(() =>
  import('./pages/staff/StaffContentPage').then((m) => ({ default: m.StaffContentPage })),
);
const StaffUsersPage = lazy(() => import('./pages/staff/StaffUsersPage').then((m) => ({ default: m.StaffUsersPage })));
const EditorPage = lazy(() => import('./pages/staff/editor/EditorPage').then((m) => ({ default: m.EditorPage })));
const PreviewPage = lazy(() => import('./pages/staff/editor/PreviewPage').then((m) => ({ default: m.PreviewPage })));

const member = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;
const staff = (page: ReactNode) => (
  <RequireAuth staff>
    <Suspense fallback={<Loading />}>{page}</Suspense>
  </RequireAuth>
);

/** The page routes of API.md, plus the profile, "my learning" and staff content pages. */
export const routes: RouteObject[] = [
  {
    element: (
      <Layout>
        <Outlet />
      </Layout>
    ),
    children: [
      { path: '/', element: <CatalogPage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/modules/:slug', element: <ModulePage /> },
      { path: '/learning', element: member(<MyLearningPage />) },
      { path: '/learn/:enrolmentId', element: member(<LearnPage />) },
      { path: '/certificates', element: member(<CertificatesPage />) },
      { path: '/profile', element: member(<ProfilePage />) },
      { path: '/verify/:serial', element: <VerifyPage /> },
      { path: '/staff', element: staff(<StaffDashboardPage />) },
      { path: '/staff/modules/:slug', element: staff(<StaffModulePage />) },
      { path: '/staff/modules/new', element: staff(<EditorPage />) },
      { path: '/staff/modules/:slug/edit', element: staff(<EditorPage />) },
      { path: '/staff/modules/:slug/preview', element: staff(<PreviewPage />) },
      { path: '/staff/content', element: staff(<StaffContentPage />) },
      { path: '/staff/users', element: staff(<StaffUsersPage />) },
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

export function App() {
  const [router] = useState(() => createBrowserRouter(routes));
  const [client] = useState(makeQueryClient);
  return (
    <Providers client={client}>
      <RouterProvider router={router} />
    </Providers>
  );
}
