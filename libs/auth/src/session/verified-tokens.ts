import { Injectable } from '@nestjs/common';

/** Enough for every member active at once in a large program; the oldest entry goes first when it is full. */
const LIMIT = 10_000;

/** What a token with a good signature says: whose session it is. Whether the session is still open is ActiveSessions' question. */
export interface TokenSession {
  userId: string;
  sessionId: string;
}

/**
 * Session tokens whose signature has been checked, with the session each one names, until the token
 * expires. A member's next request with the same token skips the HMAC and the passport round (about a
 * tenth of a progress write's CPU, bench/RESULTS.md part a). The key is the whole token, signature
 * included, so only a token that was verified whole can be found here; expiry is checked on every hit,
 * so a cached token stops working at the same second as one checked afresh.
 */
@Injectable()
export class VerifiedTokens {
  private readonly entries = new Map<string, { session: TokenSession; expiresAt: number }>();

  get(token: string, now = Date.now()): TokenSession | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.session;
  }

  /** `exp` is the token's claim (seconds since the epoch); a token without one is never kept. */
  remember(token: string, session: TokenSession, exp: unknown): void {
    if (typeof exp !== 'number') return;
    if (this.entries.size >= LIMIT) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { session: Object.freeze({ ...session }), expiresAt: exp * 1000 });
  }
}
