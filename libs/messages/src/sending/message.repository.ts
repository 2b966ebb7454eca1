import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Locale } from '@greenlight/common';
import { rowsOf } from '@greenlight/database';
import type { SqlExecutor } from '@greenlight/queue';

export interface NewMessage {
  kind: string;
  to: string;
  locale: Locale;
  subject: string;
  text: string;
  html?: string | null;
  /** Once per member and occasion: a second message with the same key is not written again. */
  dedupeKey: string;
  userId?: string | null;
  moduleSlug?: string | null;
  unsubscribeUrl?: string | null;
}

export interface MessageRow {
  id: string;
  kind: string;
  dedupeKey: string;
  userId: string | null;
  moduleSlug: string | null;
  to: string;
  locale: Locale;
  subject: string;
  text: string;
  html: string | null;
  unsubscribeUrl: string | null;
  status: 'pending' | 'sent';
  round: number;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface MessageLogEntry {
  id: string;
  kind: string;
  subject: string;
  moduleSlug: string | null;
  status: 'pending' | 'sent';
  createdAt: Date;
  sentAt: Date | null;
}

const COLUMNS = `id, kind, dedupe_key AS "dedupeKey", user_id AS "userId", module_slug AS "moduleSlug",
  to_address AS "to", locale, subject, text_body AS "text", html_body AS "html", unsubscribe_url AS "unsubscribeUrl",
  status, round, attempts, last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt"`;

/** Wakes the relays when the transaction that wrote a message commits (and not if it rolls back). */
export const MESSAGES_CHANNEL = 'messages_outbox';

/** pg answers { rows }, TypeORM's query answers the rows themselves. */
async function rowsFrom<R>(sql: SqlExecutor, text: string, values: unknown[]): Promise<R[]> {
  const result = (await sql.query(text, values)) as R[] | { rows: R[] };
  return Array.isArray(result) ? result : result.rows;
}

/** The message log: rows written once per dedupe key, claimed by the relay, marked sent by the worker. */
@Injectable()
export class MessageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the message unless its dedupe key is already there; answers the row's id and whether it is new. */
  async insert(message: NewMessage, sql: SqlExecutor = this.dataSource): Promise<{ id: string; created: boolean }> {
    const rows = await rowsFrom<{ id: string }>(
      sql,
      `INSERT INTO messages.messages
         (id, kind, dedupe_key, user_id, module_slug, to_address, locale, subject, text_body, html_body, unsubscribe_url)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        message.kind,
        message.dedupeKey,
        message.userId ?? null,
        message.moduleSlug ?? null,
        message.to,
        message.locale,
        message.subject,
        message.text,
        message.html ?? null,
        message.unsubscribeUrl ?? null,
      ],
    );
    if (rows[0]) {
      await sql.query(`SELECT pg_notify($1, '')`, [MESSAGES_CHANNEL]);
      return { id: rows[0].id, created: true };
    }
    const [existing] = await rowsFrom<{ id: string }>(sql, `SELECT id FROM messages.messages WHERE dedupe_key = $1`, [
      message.dedupeKey,
    ]);
    return { id: existing!.id, created: false };
  }

  async findById(id: string): Promise<MessageRow | null> {
    const [row] = await rowsOf<MessageRow>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM messages.messages WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Which of these dedupe keys were already written (for reporting skipped recipients). */
  async existingKeys(keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await rowsOf<{ key: string }>(
      this.dataSource.manager,
      `SELECT dedupe_key AS key FROM messages.messages WHERE dedupe_key = ANY($1)`,
      [keys],
    );
    return new Set(rows.map((row) => row.key));
  }

  listForUser(userId: string): Promise<MessageLogEntry[]> {
    return rowsOf<MessageLogEntry>(
      this.dataSource.manager,
      `SELECT id, kind, subject, module_slug AS "moduleSlug", status, created_at AS "createdAt", sent_at AS "sentAt"
         FROM messages.messages WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 500`,
      [userId],
    );
  }

  /** Counts a delivery attempt before it is made, so the log shows attempts that died mid-send too. */
  async countAttempt(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE messages.messages SET attempts = attempts + 1 WHERE id = $1`, [id]);
  }

  async markSent(id: string, transport: 'smtp' | 'log'): Promise<void> {
    await this.dataSource.query(
      `UPDATE messages.messages SET status = 'sent', sent_at = now(), transport = $2, last_error = NULL
        WHERE id = $1 AND status = 'pending'`,
      [id, transport],
    );
  }

  async recordError(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE messages.messages SET last_error = $2 WHERE id = $1`, [
      id,
      error.slice(0, 500),
    ]);
  }

  /**
   * A round of queue retries ran out (the SMTP server stayed down): the message goes back to the relay
   * for a new round later, so it is delayed, never dropped. Only the round that failed is put back.
   */
  async giveBack(id: string, round: number, delayMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE messages.messages
          SET queued_at = NULL, round = round + 1, next_attempt_at = now() + $3::float8 * interval '1 millisecond'
        WHERE id = $1 AND round = $2 AND status = 'pending'`,
      [id, round, delayMs],
    );
  }

  /** Claims due rows for the relay inside its transaction (SKIP LOCKED: several relays share the work). */
  claimDue(sql: SqlExecutor, limit: number): Promise<{ id: string; round: number }[]> {
    return rowsFrom(
      sql,
      `SELECT id, round FROM messages.messages
        WHERE status = 'pending' AND queued_at IS NULL AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markQueued(sql: SqlExecutor, ids: string[]): Promise<void> {
    await sql.query(`UPDATE messages.messages SET queued_at = now() WHERE id = ANY($1)`, [ids]);
  }

  async postpone(sql: SqlExecutor, ids: string[], delayMs: number, error: string): Promise<void> {
    await sql.query(
      `UPDATE messages.messages SET last_error = $3, next_attempt_at = now() + $2::float8 * interval '1 millisecond'
        WHERE id = ANY($1)`,
      [ids, delayMs, error.slice(0, 500)],
    );
  }

  /** Rows handed to the queue long ago and still not sent: their job may have been lost with Redis. */
  staleQueued(olderThanMs: number, limit: number): Promise<{ id: string; round: number }[]> {
    return rowsOf(
      this.dataSource.manager,
      `SELECT id, round FROM messages.messages
        WHERE status = 'pending' AND queued_at < now() - $1::float8 * interval '1 millisecond'
        ORDER BY queued_at LIMIT $2`,
      [olderThanMs, limit],
    );
  }

  async isUnsubscribed(userIds: string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await rowsOf<{ userId: string }>(
      this.dataSource.manager,
      `SELECT user_id AS "userId" FROM messages.unsubscribes WHERE user_id = ANY($1)`,
      [userIds],
    );
    return new Set(rows.map((row) => row.userId));
  }

  async unsubscribe(userId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO messages.unsubscribes (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`,
      [userId],
    );
  }

  async unsubscribedAt(userId: string): Promise<Date | null> {
    const [row] = await rowsOf<{ at: Date }>(
      this.dataSource.manager,
      `SELECT unsubscribed_at AS at FROM messages.unsubscribes WHERE user_id = $1`,
      [userId],
    );
    return row?.at ?? null;
  }
}
