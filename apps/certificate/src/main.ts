import 'reflect-metadata';
import { createHttpApp, listen } from '@greenlight/common';
import { exitOnStartupFailure, loadConfigOrExit } from '@greenlight/config';
import { runMigrations } from '@greenlight/database';
import { CertificateAppModule } from './certificate-app.module';

async function main() {
  const config = loadConfigOrExit();
  await runMigrations(config.DATABASE_URL);
  const app = await createHttpApp(CertificateAppModule, config, { title: 'certificate service' });
  await listen(app, config);
}

main().catch(exitOnStartupFailure);
