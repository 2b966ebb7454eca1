import { createPrivateKey, createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { calculateJwkThumbprint, JWK } from 'jose';
import type { AppConfig } from '@greenlight/config';

/** An Ed25519 public key the issuer signs or once signed with; `kid` is its JWK thumbprint. */
export interface PublicSigningKey {
  kid: string;
  jwk: JWK & { kid: string; alg: 'EdDSA'; use: 'sig' };
  publicKey: KeyObject;
}

export interface SigningKeySet {
  current: PublicSigningKey & { privateKey: KeyObject };
  /** Every key a credential may have been signed with, the current one first. */
  all: PublicSigningKey[];
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const DEV_KEY_FILE = 'credential-signing-key';

/**
 * CREDENTIAL_SIGNING_KEY is a 32-byte Ed25519 seed in base64url (or a private JWK as JSON).
 * CREDENTIAL_PREVIOUS_KEYS lists retired public keys (base64url `x`, comma-separated): after a rotation
 * they stay in the JWKS and the issuer profile, so credentials signed before still verify.
 * In development a key is generated on first start and kept in DATA_DIR, with a warning.
 */
export async function loadSigningKeys(
  config: Pick<AppConfig, 'CREDENTIAL_SIGNING_KEY' | 'CREDENTIAL_PREVIOUS_KEYS' | 'DATA_DIR' | 'isProduction'>,
): Promise<SigningKeySet> {
  let secret = config.CREDENTIAL_SIGNING_KEY?.trim();
  if (!secret) {
    if (config.isProduction) {
      throw new Error('CREDENTIAL_SIGNING_KEY is required when NODE_ENV=production (see docs/certificates.md)');
    }
    secret = await developmentKey(config.DATA_DIR);
  }
  const privateKey = privateKeyFrom(secret);
  const current = await describe(createPublicKey(privateKey));
  const previous = await Promise.all(
    (config.CREDENTIAL_PREVIOUS_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((x) => describe(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }))),
  );
  const all = [current, ...previous.filter((key) => key.kid !== current.kid)];
  return {
    current: { ...current, privateKey },
    all,
  };
}

/** A fresh seed in the form CREDENTIAL_SIGNING_KEY takes (for operators and tests). */
export function generateSigningSeed(): string {
  return randomBytes(32).toString('base64url');
}

function privateKeyFrom(secret: string): KeyObject {
  if (secret.startsWith('{')) return createPrivateKey({ key: JSON.parse(secret), format: 'jwk' });
  const seed = Buffer.from(secret, 'base64url');
  if (seed.length !== 32) throw new Error('CREDENTIAL_SIGNING_KEY must be 32 bytes in base64url, or a private JWK');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

async function describe(publicKey: KeyObject): Promise<PublicSigningKey> {
  const exported = publicKey.export({ format: 'jwk' }) as JWK;
  const base = { kty: 'OKP', crv: 'Ed25519', x: exported.x! };
  const kid = await calculateJwkThumbprint(base);
  return { kid, publicKey, jwk: { ...base, kid, alg: 'EdDSA', use: 'sig' } };
}

async function developmentKey(dataDir: string): Promise<string> {
  const file = join(resolve(dataDir), DEV_KEY_FILE);
  if (existsSync(file)) return readWhenWritten(file);
  const seed = generateSigningSeed();
  mkdirSync(resolve(dataDir), { recursive: true });
  try {
    // Exclusive create: when the service and the worker start together, the first key written wins.
    writeFileSync(file, seed, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readWhenWritten(file);
    throw error;
  }
  process.emitWarning(
    `CREDENTIAL_SIGNING_KEY was not set; generated a development signing key in ${file}. ` +
      'Set CREDENTIAL_SIGNING_KEY in production, or credentials will not verify after a redeploy.',
  );
  return seed;
}

/** Another process may have created the file an instant ago and not written the key yet. */
async function readWhenWritten(file: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const content = readFileSync(file, 'utf8').trim();
    if (content.length >= 43 || attempt >= 40) return content;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
