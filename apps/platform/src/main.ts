import 'reflect-metadata';
import { createHttpApp, listen } from '@greenlight/common';
import { exitOnStartupFailure, loadConfigOrExit } from '@greenlight/config';
import { runMigrations } from '@greenlight/database';
import { PlatformModule } from './platform.module';
import { serveWeb } from './web';

async function main() {
  const config = loadConfigOrExit();
  await runMigrations(config.DATABASE_URL);
  const app = await createHttpApp(PlatformModule.register(config), config, {
    title: 'platform',
    beforeInit: (app) => serveWeb(app, { distDir: config.WEB_DIST_DIR, publicUrl: config.PUBLIC_URL }),
  });
  await listen(app, config);
}

main().catch(exitOnStartupFailure);
