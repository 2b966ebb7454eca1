import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import type { AuthUser } from './roles';
import { SessionsRepository } from './sessions.repository';
import type { TokenSession } from './verified-tokens';

/** As many as VerifiedTokens holds; the oldest entry goes first when it is full. */
const LIMIT = 10_000;

/**
 * The session check of every request. A token is honoured only while its session row exists; the
 * answer (with the role and language read from the user row) is kept for SESSION_CHECK_TTL_MS, so a
 * member's burst of requests costs one indexed read per few seconds, not one per request.
 *
 * What this process ends (logout, logout-all, a role or password change made here) is forgotten at
 * once, so it takes effect on the very next request. Another process of a split deployment notices
 * when its entry for that session is older than SESSION_CHECK_TTL_MS: that is the bound, and the
 * reason the setting is capped at a few seconds.
 */
@Injectable()
export class ActiveSessions {
  private readonly entries = new Map<string, { user: AuthUser; checkedAt: number }>();
  /** One database read per session at a time, however many of its requests arrive together. */
  private readonly pending = new Map<string, Promise<AuthUser | undefined>>();
  private readonly ttlMs: number;
  /** Bumped whenever something is forgotten, so a read that raced with the ending is not cached. */
  private generation = 0;

  constructor(
    private readonly sessions: SessionsRepository,
    @InjectConfig() config: AppConfig,
  ) {
    this.ttlMs = config.SESSION_CHECK_TTL_MS;
  }

  /** The signed-in user behind a verified token, or undefined when its session has ended or its user is gone. */
  resolve(token: TokenSession, now = Date.now()): AuthUser | Promise<AuthUser | undefined> {
    const entry = this.entries.get(token.sessionId);
    if (entry && entry.user.id === token.userId && now - entry.checkedAt < this.ttlMs) return entry.user;
    let lookup = this.pending.get(token.sessionId);
    if (!lookup) {
      lookup = this.check(token).finally(() => this.pending.delete(token.sessionId));
      this.pending.set(token.sessionId, lookup);
    }
    return lookup;
  }

  forgetSession(sessionId: string): void {
    this.generation += 1;
    this.entries.delete(sessionId);
  }

  forgetUser(userId: string): void {
    this.generation += 1;
    for (const [sessionId, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(sessionId);
  }

  private async check({ sessionId, userId }: TokenSession): Promise<AuthUser | undefined> {
    const checkedAt = Date.now();
    const generation = this.generation;
    const holder = await this.sessions.holder(sessionId, userId);
    this.entries.delete(sessionId);
    if (!holder) return undefined;
    const user: AuthUser = Object.freeze({ id: holder.id, role: holder.role, locale: holder.locale, sessionId });
    if (generation !== this.generation) return user;
    if (this.entries.size >= LIMIT) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sessionId, { user, checkedAt });
    return user;
  }
}
