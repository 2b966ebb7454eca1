import { Injectable } from '@nestjs/common';
import type { AuthUser } from './roles';

/** Enough for every member active at once in a large program; the oldest entry goes first when it is full. */
const LIMIT = 10_000;

/**
 * Session tokens whose signature has been checked, with the user each one carries, until the token
 * expires. A member's next request with the same token skips the HMAC and the passport round (about a
 * tenth of a progress write's CPU, bench/RESULTS.md part a). The key is the whole token, signature
 * included, so only a token that was verified whole can be found here; expiry is checked on every hit,
 * so a cached token stops working at the same second as one checked afresh.
 */
@Injectable()
export class VerifiedTokens {
  private readonly entries = new Map<string, { user: AuthUser; expiresAt: number }>();

  get(token: string, now = Date.now()): AuthUser | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.user;
  }

  /** `exp` is the token's claim (seconds since the epoch); a token without one is never kept. */
  remember(token: string, user: AuthUser, exp: unknown): void {
    if (typeof exp !== 'number') return;
    if (this.entries.size >= LIMIT) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { user: Object.freeze({ ...user }), expiresAt: exp * 1000 });
  }
}
