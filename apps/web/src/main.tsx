import './styles/mantine.css';
import './styles.css';
import { hydrate } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router-dom';
import { App, makeQueryClient, routes } from './App';
import { i18nReady } from './i18n';
import { SERVER_STATE_ID } from './server-state';

const client = makeQueryClient();
// The data the server rendered this page with (entry-server.tsx), so the first render shows the same.
const serverState = document.getElementById(SERVER_STATE_ID)?.textContent;
if (serverState) hydrate(client, JSON.parse(serverState));

const router = createBrowserRouter(routes);
// The server's markup stays on screen until the route's chunk has arrived; then the app replaces it with
// the same content (a fresh render rather than hydration: times and languages may differ from the server's).
const ready = new Promise<void>((resolve) => {
  if (router.state.initialized) return resolve();
  const stop = router.subscribe((state) => {
    if (!state.initialized) return;
    stop();
    resolve();
  });
});
void Promise.all([ready, i18nReady]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App router={router} client={client} />
    </StrictMode>,
  ),
);
