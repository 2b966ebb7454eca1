import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: {
      '@greenlight/content': fileURLToPath(new URL('../../libs/content/src', import.meta.url)),
      // The languages (LOCALES and the tables beside it): the server's one list, so both speak the same.
      '@greenlight/common': fileURLToPath(new URL('../../libs/common/src/locale.ts', import.meta.url)),
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // Component tests render the whole app; on a busy 2-core CI machine 5 s is too tight for some.
    testTimeout: 20_000,
  },
});
