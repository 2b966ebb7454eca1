import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig, InjectConfig } from '@greenlight/config';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A member's unsubscribe token: their id and an HMAC of it under a key derived from JWT_SECRET. It works
 * without signing in, needs no table, and the same link in every reminder stays valid.
 */
@Injectable()
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(@InjectConfig() config: AppConfig) {
    this.key = createHmac('sha256', config.JWT_SECRET).update('greenlight:unsubscribe').digest();
  }

  tokenFor(userId: string): string {
    return `${userId}.${this.sign(userId)}`;
  }

  /** The member a token names, or null for anything we did not sign. */
  userOf(token: string): string | null {
    const [userId, signature, extra] = token.split('.');
    if (extra !== undefined || !userId || !signature || !UUID.test(userId)) return null;
    const expected = Buffer.from(this.sign(userId));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
  }

  private sign(userId: string): string {
    return createHmac('sha256', this.key).update(userId).digest('base64url').slice(0, 32);
  }
}
