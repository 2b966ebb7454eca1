import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { rowsOf } from '@greenlight/database';

export interface ThrottlePolicy {
  /** Attempts in a row before the next one has to wait. */
  freeAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** A run of failures older than this is forgotten. */
  forgetAfterSeconds: number;
}

/** auth.login_throttle: failed sign-ins in a row per typed address and client IP. */
@Injectable()
export class LoginThrottleRepository {
  constructor(@InjectEntityManager() private readonly db: EntityManager) {}

  /**
   * Counts an attempt before its password is checked, in one statement under the row's lock, and says
   * how long it must wait instead (0: go ahead). Counting first is what makes parallel guesses queue:
   * each sees the count the previous one left. The attempt that reaches `freeAttempts` goes ahead and
   * blocks the next for `baseDelaySeconds`, doubling with every attempt after, up to `maxDelaySeconds`.
   * A refused attempt changes nothing but `last_refused`, which is how this statement answers.
   */
  async attempt(email: string, clientIp: string, policy: ThrottlePolicy): Promise<number> {
    const [row] = await rowsOf<{ waitSeconds: number }>(
      this.db,
      `INSERT INTO auth.login_throttle AS t (email, client_ip, failures, last_attempt_at)
       VALUES ($1, $2, 1, now())
       ON CONFLICT (email, client_ip) DO UPDATE SET
         failures = CASE WHEN t.blocked_until > now() THEN t.failures
                         WHEN t.last_attempt_at < now() - make_interval(secs => $6) THEN 1
                         ELSE t.failures + 1 END,
         blocked_until = CASE WHEN t.blocked_until > now() THEN t.blocked_until
                              WHEN t.last_attempt_at < now() - make_interval(secs => $6) THEN NULL
                              WHEN t.failures + 1 >= $3
                                THEN now() + make_interval(secs => least($4 * 2 ^ (t.failures + 1 - $3), $5))
                              END,
         last_attempt_at = CASE WHEN t.blocked_until > now() THEN t.last_attempt_at ELSE now() END,
         last_refused = coalesce(t.blocked_until > now(), false)
       RETURNING CASE WHEN t.last_refused THEN greatest(1, ceil(extract(epoch FROM t.blocked_until - now())))::int
                      ELSE 0 END AS "waitSeconds"`,
      [
        email,
        clientIp,
        policy.freeAttempts,
        policy.baseDelaySeconds,
        policy.maxDelaySeconds,
        policy.forgetAfterSeconds,
      ],
    );
    return row.waitSeconds;
  }

  /** A successful sign-in ends the run of failures from that IP. */
  async clear(email: string, clientIp: string): Promise<void> {
    await this.db.query(`DELETE FROM auth.login_throttle WHERE email = $1 AND client_ip = $2`, [email, clientIp]);
  }
}
