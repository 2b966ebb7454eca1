import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, APP_CONFIG } from '@greenlight/config';

/** JSON logs (pino); credentials are redacted before they are written. Request lines: see request-log.ts. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: (req) => (req as { id?: string }).id ?? '',
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'res.headers["set-cookie"]',
              '*.password',
              '*.currentPassword',
              '*.accessToken',
            ],
            censor: '[redacted]',
          },
        },
        // No per-request middleware (and no async context): requests are logged by a Fastify hook
        // (`logRequests`, registered in createHttpApp); everything else logs through the root logger.
        forRoutes: [],
      }),
    }),
  ],
})
export class LoggingModule {}
