import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { preparedQuery, rowsOf } from '@greenlight/database';
import type { Role } from '../users/user.entity';
import type { Locale } from '@greenlight/common';

export interface SessionHolder {
  id: string;
  role: Role;
  locale: Locale;
  /** Whether the session was opened through the single sign-on provider. */
  sso: boolean;
}

/** Where a session's ending (`session:<id>`) or a change to a user's sessions (`user:<id>`) is announced. */
export const SESSIONS_CHANNEL = 'auth_sessions';

/**
 * auth.sessions: one row per signed-in browser or client, the truth a token is checked against. Whatever
 * ends or changes a session announces it on SESSIONS_CHANNEL in the same statement, so every process's
 * ActiveSessions forgets it when the change commits.
 */
@Injectable()
export class SessionsRepository {
  constructor(@InjectEntityManager() private readonly db: EntityManager) {}

  /**
   * Opens a session and, in the same statement, drops the user's sessions that have already expired.
   * `idToken`: the provider's ID token when the session is opened through single sign-on.
   */
  async open(userId: string, ttlSeconds: number, idToken: string | null = null): Promise<string> {
    const [row] = await rowsOf<{ id: string }>(
      this.db,
      `WITH expired AS (DELETE FROM auth.sessions WHERE user_id = $1 AND expires_at <= now())
       INSERT INTO auth.sessions (user_id, expires_at, id_token) VALUES ($1, now() + make_interval(secs => $2), $3)
       RETURNING id`,
      [userId, ttlSeconds, idToken],
    );
    return row.id;
  }

  /** The holder of a live session, read fresh: role and language come from the user row, never the token. */
  async holder(sessionId: string, userId: string): Promise<SessionHolder | null> {
    const [row] = await preparedQuery<SessionHolder>(
      this.db,
      `SELECT u.id, u.role, u.locale, s.id_token IS NOT NULL AS sso FROM auth.sessions s JOIN auth.users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.expires_at > now()`,
      [sessionId, userId],
    );
    return row ?? null;
  }

  /** Ends a session; answers the provider's ID token it was opened with (null: a password session, or gone). */
  async close(sessionId: string): Promise<string | null> {
    const [row] = await rowsOf<{ idToken: string | null }>(
      this.db,
      `WITH closed AS (DELETE FROM auth.sessions WHERE id = $1 RETURNING id_token)
       SELECT pg_notify('${SESSIONS_CHANNEL}', 'session:' || $1::text), (SELECT id_token FROM closed) AS "idToken"`,
      [sessionId],
    );
    return row?.idToken ?? null;
  }

  /** Ends every session of a user, except the one named (the caller's own, after a password change). */
  async closeAll(userId: string, exceptSessionId?: string): Promise<void> {
    await this.db.query(
      `WITH closed AS (DELETE FROM auth.sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2)
       SELECT pg_notify('${SESSIONS_CHANNEL}', 'user:' || $1::text)`,
      [userId, exceptSessionId ?? null],
    );
  }

  /** What a session check reads of the user (their language) has changed: every process reads it again. */
  async userChanged(userId: string): Promise<void> {
    await this.db.query(`SELECT pg_notify('${SESSIONS_CHANNEL}', 'user:' || $1::text)`, [userId]);
  }
}
