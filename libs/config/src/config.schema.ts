import { availableParallelism } from 'node:os';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ message: 'must be a whole number from 1 to 65535' })
  .int('must be a whole number from 1 to 65535')
  .min(1, 'must be a whole number from 1 to 65535')
  .max(65535, 'must be a whole number from 1 to 65535');

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/**
 * Every setting Greenlight reads from the environment, with the defaults that work on a
 * development machine. Variables owned by one service are still declared here so that a
 * typo is caught at boot, whichever app starts.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  PUBLIC_URL: url(['http:', 'https:']).default('http://localhost:3000'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/greenlight'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i, 'letters, digits, - and _ only')
    .default('greenlight'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL: z
    .string()
    .regex(/^\d+[smhd]$/, 'must be a duration such as 12h, 30m or 7d')
    .default('12h'),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(30),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  WEB_DIST_DIR: z.string().min(1).default('apps/web/dist'),
  /** `none` skips the first-start import (an empty variable means the default, like every other one). */
  IMPORT_CONTENT_DIR: z
    .string()
    .default('content')
    .transform((dir) => (dir === 'none' ? '' : dir)),
  WORKER_QUEUES: z.string().default('certificates,notifications'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /** Threads a process renders and signs certificates on (0: the main thread); by default one core stays for the rest. */
  CERT_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(32)
    .default(() => Math.max(1, Math.min(4, availableParallelism() - 1))),
  WORKER_HEALTH_PORT: port.optional(),
  RUN_WORKER: bool.default(true),
  OUTBOX_RELAY: bool.default(true),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  OUTBOX_BACKOFF_MAX_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  CERT_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as America/Toronto')
    .default('America/Toronto'),
  CERT_STORAGE_DIR: z.string().min(1).default('.data/certificates'),
  CERT_STORAGE: z.enum(['fs', 's3']).default('fs'),
  S3_ENDPOINT: z.string().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  ISSUER_NAME: z.string().min(1).default('Greenlight Producers Association'),
  ISSUER_SIGNATORY: z.string().min(1).default('Director, Professional Development'),
  PROGRAM_NAME: z.string().min(1).default('STAR Producer Program'),
  CERT_LOGO_PATH: z.string().optional(),
  CREDENTIAL_SIGNING_KEY: z.string().optional(),
  CREDENTIAL_PREVIOUS_KEYS: z.string().optional(),
  SUBJECT_HASH_SALT: z.string().optional(),
  /** Where email goes (smtp://user:pass@host:587, smtps://…:465); unset: messages are written to the log. */
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MESSAGES_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  /** A message queued this long ago and still unsent, whose job Redis no longer holds, is queued again. */
  MESSAGES_REQUEUE_AFTER_S: z.coerce.number().int().min(1).max(86_400).default(600),
  MAIL_FROM: z.string().default('Greenlight <no-reply@greenlight.local>'),
  // Credentials and the certificate sweep (issues 14 and 18).
  /** A completed enrolment of a certificate module still without a certificate after this long is issued again. */
  RECONCILE_AFTER_S: z.coerce.number().int().min(1).max(2_592_000).default(600),
});

export type RawConfig = z.infer<typeof configSchema>;
