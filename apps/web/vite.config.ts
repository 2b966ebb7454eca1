import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Built into apps/web/dist, which the platform serves next to the API (see apps/platform/src/web.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // The module document's schema and GIFT parser come from libs/content, so the editor checks with the server's rules.
  resolve: { alias: { '@greenlight/content': fileURLToPath(new URL('../../libs/content/src', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/.well-known': 'http://127.0.0.1:3000' } },
});
