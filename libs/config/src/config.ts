import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configSchema, RawConfig } from './config.schema';

export interface AppConfig extends Omit<RawConfig, 'JWT_SECRET'> {
  JWT_SECRET: string;
  isProduction: boolean;
  workerQueues: string[];
}

export class ConfigError extends Error {}

/**
 * Reads and validates the environment once. The first problem becomes one line naming the
 * variable, so an operator can fix it without reading a stack trace.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in configSchema.shape && value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    const got = present[name] === undefined ? 'it is missing' : `got ${JSON.stringify(present[name])}`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message.replace(/^Invalid input: /, '')} (${got})`);
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  if (isProduction && !raw.JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production (it is missing)');
  }
  if ((raw.ADMIN_EMAIL === undefined) !== (raw.ADMIN_PASSWORD === undefined)) {
    const missing = raw.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
    throw new ConfigError(`Invalid configuration: ${missing} must be set together with the other admin variable`);
  }
  const oidc = [raw.OIDC_ISSUER, raw.OIDC_CLIENT_ID, raw.OIDC_CLIENT_SECRET];
  if (oidc.some((v) => v !== undefined) && oidc.some((v) => v === undefined)) {
    const missing = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'].filter((_, i) => oidc[i] === undefined);
    throw new ConfigError(
      `Invalid configuration: ${missing.join(', ')} must be set together with the other OIDC variables (single sign-on)`,
    );
  }
  if (isProduction && raw.OIDC_ISSUER?.startsWith('http:')) {
    throw new ConfigError(
      `Invalid configuration: OIDC_ISSUER must start with https:// when NODE_ENV=production (got ${JSON.stringify(raw.OIDC_ISSUER)})`,
    );
  }
  if (!raw.LOCAL_LOGIN && !raw.OIDC_ISSUER) {
    throw new ConfigError(
      'Invalid configuration: LOCAL_LOGIN=false needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), or nobody could sign in',
    );
  }
  return {
    ...raw,
    JWT_SECRET: raw.JWT_SECRET ?? devSecret(raw.DATA_DIR, 'jwt-secret'),
    isProduction,
    workerQueues: raw.WORKER_QUEUES.split(',')
      .map((q) => q.trim())
      .filter(Boolean),
  };
}

/**
 * A development secret is generated on first start and kept in DATA_DIR (git-ignored), so
 * sessions survive restarts without anyone having to invent a secret.
 */
export function devSecret(dataDir: string, name: string): string {
  const file = join(resolve(dataDir), name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(resolve(dataDir), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  process.emitWarning(`${name} was not set; generated a development value in ${file}. Set it in production.`);
  return secret;
}

/** For main.ts files: a bad variable ends the process with its one-line explanation, not a stack trace. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** For main.ts files: a failed start says what failed in one line (a refused connection names the URL's host). */
export function exitOnStartupFailure(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Greenlight could not start: ${message}`);
  process.exit(1);
}
