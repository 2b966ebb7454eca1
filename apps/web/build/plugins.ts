import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const TEXT_FILE = /\.(js|mjs|css|svg|json|txt|xml|webmanifest)$/;
/** Below this a compressed copy saves less than the headers cost; such files go out as they are. */
const MIN_BYTES = 1024;

/**
 * Writes a `.br` (quality 11) and a `.gz` (level 9) copy next to every text file of the browser build,
 * so the platform serves them with @fastify/static's `preCompressed` and never compresses them per request.
 */
export function precompress(): Plugin {
  return {
    name: 'greenlight:precompress',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    async writeBundle(options, bundle) {
      const outDir = options.dir!;
      await Promise.all(
        Object.keys(bundle)
          .filter((file) => TEXT_FILE.test(file))
          .map(async (file) => {
            const path = join(outDir, file);
            const bytes = await readFile(path);
            if (bytes.length < MIN_BYTES) return;
            const [br, gz] = await Promise.all([
              brotli(bytes, {
                params: {
                  [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                  [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
                },
              }),
              gzipAsync(bytes, { level: 9 }),
            ]);
            await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
          }),
      );
    },
  };
}

/**
 * The server renderer (environments.ssr) goes into `<the browser build's outDir>/server`, so a
 * `vite build --outDir elsewhere` (the browser tests' private build) keeps both together.
 */
export function serverBesideClient(root: string): Plugin {
  let clientOutDir = 'dist';
  return {
    name: 'greenlight:server-beside-client',
    config(config) {
      clientOutDir = config.build?.outDir ?? clientOutDir;
    },
    configEnvironment(name) {
      if (name === 'ssr') return { build: { outDir: join(resolve(root, clientOutDir), 'server') } };
    },
  };
}

/** React's entry points and what answers them in the browser build. */
const PREACT_FOR: Record<string, string> = {
  react: fileURLToPath(new URL('./react-on-preact.mjs', import.meta.url)),
  'react-dom': 'preact/compat',
  'react-dom/client': 'preact/compat/client',
  'react/jsx-runtime': 'preact/compat/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/compat/jsx-dev-runtime',
};

/**
 * The browser build runs the React code on Preact's compatibility layer (issue 17's budget: react-dom is
 * 64 KB gzipped, Preact 11 with compat about 11): the same components and hooks, Mantine included. The
 * server renderer and the unit tests keep React itself; the browser never hydrates the server's markup
 * (main.tsx renders afresh), so the two never have to agree on a tree.
 */
export function preactInBrowser(): Plugin {
  return {
    name: 'greenlight:preact-in-browser',
    // `vite` in development keeps React (its fast refresh hooks into React itself); builds get Preact.
    apply: 'build',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'client',
    async resolveId(source, importer, options) {
      const target = PREACT_FOR[source];
      if (!target) return null;
      if (target.startsWith('/')) return target;
      return this.resolve(target, importer, { ...options, skipSelf: true });
    },
  };
}
