import { hash, verify, Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);
export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false);

let dummy: Promise<string> | undefined;
/** Checked against when the email is unknown, so both failures take the same time. */
export const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));
