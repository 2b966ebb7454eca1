import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { rowsOf } from '@greenlight/database';

export type TokenPurpose = 'password_reset' | 'email_verification';

/** Links are good for an hour (API.md, Accounts). */
export const TOKEN_TTL_SECONDS = 3600;

const digest = (token: string) => createHash('sha256').update(token).digest();

/** auth.account_tokens: single-use, one-hour tokens, kept only as their SHA-256. */
@Injectable()
export class AccountTokensRepository {
  constructor(@InjectEntityManager() private readonly db: EntityManager) {}

  /** A new token for the user; the earlier unused ones of the same purpose stop working (the newest mail is the one that counts). */
  async issue(userId: string, purpose: TokenPurpose): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(
      `WITH retired AS (DELETE FROM auth.account_tokens WHERE user_id = $1 AND purpose = $2)
       INSERT INTO auth.account_tokens (token_hash, user_id, purpose, expires_at)
       VALUES ($3, $1, $2, now() + make_interval(secs => $4))`,
      [userId, purpose, digest(token), TOKEN_TTL_SECONDS],
    );
    return token;
  }

  /** Marks the token used and names its user, in one statement: of two uses at once, one wins. */
  async consume(token: string, purpose: TokenPurpose): Promise<string | null> {
    const [row] = await rowsOf<{ userId: string }>(
      this.db,
      `UPDATE auth.account_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id AS "userId"`,
      [digest(token), purpose],
    );
    return row?.userId ?? null;
  }
}
