import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, exitOnStartupFailure, loadConfigOrExit } from '@greenlight/config';
import { CatalogModule, ContentImportService, describeOutcome } from '@greenlight/course';
import { DatabaseModule, runMigrations } from '@greenlight/database';

const USAGE = `Usage: npm run content -- import <dir>

Validates every module folder under <dir> (module.yaml or module.json, with ./ files for lesson
bodies and GIFT), creates or updates the drafts and publishes the ones that changed.
Exits with 1 when any document is invalid.`;

@Module({ imports: [ConfigModule, DatabaseModule, CatalogModule] })
class ContentCliModule {}

async function main() {
  const [command, dir, ...rest] = process.argv.slice(2);
  if (command !== 'import' || !dir || rest.length) {
    console.error(USAGE);
    process.exit(2);
  }
  if (!existsSync(dir)) {
    console.error(`No such folder: ${dir}`);
    process.exit(2);
  }
  const config = loadConfigOrExit();
  await runMigrations(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(ContentCliModule, { logger: ['error', 'warn'] });
  try {
    const report = await app.get(ContentImportService).importDirectory(dir);
    if (!report.modules.length) console.log(`No module folders (with module.yaml or module.json) in ${dir}`);
    for (const outcome of report.modules) {
      for (const line of describeOutcome(outcome)) (outcome.action === 'invalid' ? console.error : console.log)(line);
    }
    process.exitCode = report.invalid ? 1 : 0;
    if (report.invalid) console.error(`${report.invalid} invalid module document(s).`);
  } finally {
    await app.close();
  }
}

main().catch(exitOnStartupFailure);
