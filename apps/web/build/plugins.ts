import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
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
