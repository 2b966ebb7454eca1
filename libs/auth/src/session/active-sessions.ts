import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { listenTo } from '@greenlight/database';
import type { AuthUser } from './roles';
import { SESSIONS_CHANNEL, SessionsRepository } from './sessions.repository';
import type { TokenSession } from './verified-tokens';

/** As many as VerifiedTokens holds; the oldest entry goes first when it is full. */
const LIMIT = 10_000;

/**
 * The session check of every request. A token is honoured only while its session row exists; the
 * answer (with the role and language read from the user row) is kept for SESSION_CHECK_TTL_MS, so a
 * member's requests cost one indexed read per half-minute, not one per request.
 *
 * Whatever ends or changes a session (logout, logout-all, a role, password, name or language change)
 * sends a notice on the `auth_sessions` channel in the same statement (SessionsRepository); every
 * process of a deployment LISTENs and forgets the session or user at once, so the change holds from the
 * next request on every process. While this process's listening connection is down (PostgreSQL
 * restarting), notices could be missed: the cache is emptied and every request checks the database
 * until it listens again. SESSION_CHECK_TTL_MS is the remaining bound, for a change made behind the
 * application's back (an operator's SQL on auth.users).
 */
@Injectable()
export class ActiveSessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ActiveSessions.name);
  private readonly entries = new Map<string, { user: AuthUser; checkedAt: number }>();
  /** One database read per session at a time, however many of its requests arrive together. */
  private readonly pending = new Map<string, Promise<AuthUser | undefined>>();
  private readonly ttlMs: number;
  /** Bumped whenever something is forgotten, so a read that raced with the ending is not cached. */
  private generation = 0;
  /** Notices reach this process only while this holds; until then nothing is cached. */
  private listening = false;
  private stopListening?: () => Promise<void>;

  constructor(
    private readonly sessions: SessionsRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.ttlMs = config.SESSION_CHECK_TTL_MS;
  }

  onApplicationBootstrap(): void {
    if (this.ttlMs === 0) return;
    this.stopListening = listenTo({
      connectionString: this.config.DATABASE_URL,
      channel: SESSIONS_CHANNEL,
      applicationName: 'greenlight-sessions',
      onNotify: (payload) => this.notice(payload),
      onListening: () => {
        this.forgetAll();
        this.listening = true;
      },
      onLost: () => {
        this.listening = false;
        this.forgetAll();
        this.logger.warn('Lost the session notices: every request checks its session until they are back');
      },
      logger: this.logger,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.listening = false;
    await this.stopListening?.();
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

  private forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** `session:<id>` or `user:<id>`, as SessionsRepository sends them. */
  private notice(payload: string): void {
    const [kind, id] = payload.split(':');
    if (kind === 'session') this.forgetSession(id);
    else if (kind === 'user') this.forgetUser(id);
    else this.forgetAll();
  }

  private async check({ sessionId, userId }: TokenSession): Promise<AuthUser | undefined> {
    const checkedAt = Date.now();
    const generation = this.generation;
    const holder = await this.sessions.holder(sessionId, userId);
    this.entries.delete(sessionId);
    if (!holder) return undefined;
    const user: AuthUser = Object.freeze({
      id: holder.id,
      role: holder.role,
      locale: holder.locale,
      sessionId,
      sso: holder.sso,
    });
    if (generation !== this.generation || !this.listening) return user;
    if (this.entries.size >= LIMIT) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sessionId, { user, checkedAt });
    return user;
  }
}
