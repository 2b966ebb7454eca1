import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { exitWithin } from '@greenlight/common';
import { exitOnStartupFailure, loadConfigOrExit } from '@greenlight/config';
import { CertificateWorkerAppModule } from './certificate-worker-app.module';

/** No HTTP API: an application context that consumes jobs. Workers never run migrations. */
async function main() {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(CertificateWorkerAppModule, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  exitWithin(10_000);
  new Logger('Worker').log(`Certificate worker consuming ${config.workerQueues.join(', ')}`);
}

main().catch(exitOnStartupFailure);
