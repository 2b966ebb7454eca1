import 'reflect-metadata';
import { createHttpApp, listen } from '@greenlight/common';
import { exitOnStartupFailure, loadConfigOrExit } from '@greenlight/config';
import { runMigrations } from '@greenlight/database';
import { ProgressAppModule } from './progress-app.module';

async function main() {
  const config = loadConfigOrExit();
  await runMigrations(config.DATABASE_URL);
  const app = await createHttpApp(ProgressAppModule, config, { title: 'progress service' });
  await listen(app, config);
}

main().catch(exitOnStartupFailure);
