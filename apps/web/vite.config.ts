import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { preactInBrowser, precompress, serverBesideClient } from './build/plugins.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// `vite build` builds the browser app into apps/web/dist (with .br/.gz copies and a manifest), then the
// server renderer into dist/server/entry-server.cjs: the platform serves both (apps/platform/src/web.ts).
export default defineConfig({
  root,
  plugins: [preactInBrowser(), react(), precompress(), serverBesideClient(root)],
  // The module document's schema and GIFT parser come from libs/content, so the editor checks with the server's rules.
  resolve: {
    alias: {
      '@greenlight/content': fileURLToPath(new URL('../../libs/content/src', import.meta.url)),
      // The languages (LOCALES and the tables beside it): the server's one list, so both speak the same.
      '@greenlight/common': fileURLToPath(new URL('../../libs/common/src/locale.ts', import.meta.url)),
    },
  },
  builder: {},
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, manifest: true },
  environments: {
    ssr: {
      // React inside the bundle must be the build the JSX was compiled for (NODE_ENV at build time), not
      // whatever NODE_ENV the platform runs with: a dev-JSX bundle on production React cannot start.
      define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'production') },
      build: {
        ssr: 'src/entry-server.tsx',
        emptyOutDir: true,
        // One CommonJS file with every dependency inside: the platform loads it with a plain require().
        rolldownOptions: { output: { format: 'cjs', entryFileNames: 'entry-server.cjs', codeSplitting: false } },
      },
    },
  },
  ssr: { noExternal: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/.well-known': 'http://127.0.0.1:3000' } },
});
