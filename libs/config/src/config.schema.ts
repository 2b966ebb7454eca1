import { isIP } from 'node:net';
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

/** proxy-addr's names for address ranges, which Fastify's trustProxy accepts beside addresses and CIDRs. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const isProxyAddress = (entry: string) => {
  if (RANGE_NAMES.has(entry) || isIP(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  return Boolean(family) && extra === undefined && /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
};

/**
 * Which X-Forwarded-For hops to believe, in Fastify's trustProxy forms: off; a hop count (`1`: the one
 * proxy in front, e.g. the shipped nginx); or the proxies' addresses and CIDRs, comma-separated.
 * `true` means one hop: Fastify's trust-everything would let a client-sent X-Forwarded-For choose the
 * address the per-IP limits count.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, context): false | number | string[] => {
    const lower = value.toLowerCase();
    if (['', 'false', 'no', '0'].includes(lower)) return false;
    if (['true', 'yes'].includes(lower)) return 1;
    if (/^\d+$/.test(value) && Number(value) <= 20) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isProxyAddress)) return entries;
    context.addIssue({
      code: 'custom',
      message: 'must be false, a hop count (1–20) or comma-separated proxy addresses / CIDRs',
    });
    return z.NEVER;
  });

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
  /** Serials checked a minute per client (an IPv4 address or an IPv6 /64), so serials cannot be harvested. */
  VERIFY_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(60),
  TRUST_PROXY: trustProxy.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  WEB_DIST_DIR: z.string().min(1).default('apps/web/dist'),
  /** `none` skips the first-start import (an empty variable means the default, like every other one). */
  IMPORT_CONTENT_DIR: z
    .string()
    .default('content')
    .transform((dir) => (dir === 'none' ? '' : dir)),
  WORKER_QUEUES: z.string().default('certificates,notifications,reminders'),
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
  /** How often the reminder rules run (a BullMQ job scheduler on the reminders queue). */
  REMINDER_RULES_EVERY_MS: z.coerce.number().int().min(200).max(86_400_000).default(900_000),
  /** Reminders written per transaction: a run killed midway keeps the batches it committed. */
  REMINDER_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(100),
  MAIL_FROM: z.string().default('Greenlight <no-reply@greenlight.local>'),
  // Accounts and sessions (issue 13).
  /**
   * How long a process trusts its last look at a session when no notice says otherwise (every ending is
   * announced to every process at once): the bound for a change made behind the application's back.
   */
  SESSION_CHECK_TTL_MS: z.coerce
    .number({ message: 'must be a whole number of milliseconds from 0 to 300000' })
    .int('must be a whole number of milliseconds from 0 to 300000')
    .min(0, 'must be a whole number of milliseconds from 0 to 300000')
    .max(300_000, 'must be a whole number of milliseconds from 0 to 300000')
    .default(30_000),
  /** `false` turns passwords off (sign-in, registration and reset refuse): members sign in through OIDC only. */
  LOCAL_LOGIN: bool.default(true),
  /** Single sign-on (OpenID Connect): the provider's issuer URL, as its discovery document names it. */
  OIDC_ISSUER: url(['http:', 'https:']).optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The provider's name on the sign-in button: "Sign in with <OIDC_LABEL>". */
  OIDC_LABEL: z
    .string()
    .trim()
    .min(1)
    .max(60, 'must be at most 60 characters')
    .refine((label) => !/[\p{Cc}\p{Cf}]/u.test(label), 'must not hold control or invisible characters')
    .default('your organisation'),
  OIDC_SCOPES: z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'must be scope names separated by single spaces')
    .refine((scopes) => scopes.split(' ').includes('openid'), 'must include openid')
    .default('openid email profile'),
  // Credentials and the certificate sweep (issues 14 and 18).
  /** A completed enrolment of a certificate module still without a certificate after this long is issued again. */
  RECONCILE_AFTER_S: z.coerce.number().int().min(1).max(2_592_000).default(600),
});

export type RawConfig = z.infer<typeof configSchema>;
