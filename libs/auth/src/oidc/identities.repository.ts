import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { rowsOf } from '@greenlight/database';

export interface ProviderPerson {
  issuer: string;
  subject: string;
  email: string;
}

/** auth.identities: the provider's person (issuer + subject) each account signs in as. */
@Injectable()
export class IdentitiesRepository {
  constructor(@InjectEntityManager() private readonly db: EntityManager) {}

  /** The account this person signs into, noting the sign-in; null before their first. */
  async signIn(issuer: string, subject: string): Promise<string | null> {
    const [row] = await rowsOf<{ user_id: string }>(
      this.db,
      `UPDATE auth.identities SET last_sign_in_at = now() WHERE issuer = $1 AND subject = $2 RETURNING user_id`,
      [issuer, subject],
    );
    return row?.user_id ?? null;
  }

  /**
   * Links the person to the account and returns the account now linked to them: another sign-in of the
   * same person that won a race gives its account; null when the account is already linked to someone
   * else of this provider (one person per account and provider).
   */
  async link(userId: string, person: ProviderPerson): Promise<string | null> {
    const [row] = await rowsOf<{ user_id: string }>(
      this.db,
      `INSERT INTO auth.identities (issuer, subject, user_id, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [person.issuer, person.subject, userId, person.email],
    );
    return row?.user_id ?? this.signIn(person.issuer, person.subject);
  }
}
