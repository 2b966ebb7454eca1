import { exitOnStartupFailure, loadConfigOrExit } from '@greenlight/config';
import { runMigrations } from '@greenlight/database';

/** `npm run migration:run`: the same locked migration run the apps do at start. */
async function main() {
  const config = loadConfigOrExit();
  const applied = await runMigrations(config.DATABASE_URL);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
}

main().catch(exitOnStartupFailure);
