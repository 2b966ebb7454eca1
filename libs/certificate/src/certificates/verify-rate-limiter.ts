import { isIPv4, isIPv6 } from 'node:net';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CONNECTION } from '@greenlight/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { CertificateException, CertificateExceptionCode } from '../certificate.exception';

const WINDOW_MS = 60_000;

/**
 * Counts serial checks per client in one-minute windows in Redis, shared by every process behind the
 * proxy, so guessing serials costs a scraper real time: at VERIFY_RATE_LIMIT 60 and 55 random bits, one
 * client needs about 10,000 years to find one holder among 100,000 certificates (a botnet of 10,000
 * clients, a year). A person checking a few
 * certificates, and the verify page rendered for them on the server (it calls the API as that client),
 * stay far below it.
 */
@Injectable()
export class VerifyRateLimiter {
  private readonly logger = new Logger(VerifyRateLimiter.name);

  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Counts one check by this client; over the limit, a 429 that says when to try again. */
  async take(clientIp: string, now = Date.now()): Promise<void> {
    const window = Math.floor(now / WINDOW_MS);
    const key = `${this.config.QUEUE_PREFIX}:verify-rate:${clientKey(clientIp)}:${window}`;
    let count: number;
    try {
      const replies = await this.redis
        .multi()
        .incr(key)
        .pexpire(key, WINDOW_MS * 2)
        .exec();
      count = Number(replies?.[0]?.[1]);
    } catch (error) {
      // Verification is public and read-only: a Redis outage lets it through rather than take it down.
      this.logger.warn(`Verification not rate-limited, Redis unavailable: ${(error as Error).message}`);
      return;
    }
    if (count <= this.config.VERIFY_RATE_LIMIT) return;
    const retryAfter = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
    const error = new CertificateException(
      CertificateExceptionCode.TooManyVerifications,
      `Too many certificate checks from your network: at most ${this.config.VERIFY_RATE_LIMIT} a minute. Try again in ${retryAfter} seconds.`,
      undefined,
      { retryAfter, limit: this.config.VERIFY_RATE_LIMIT },
    );
    error.retryAfter = retryAfter;
    throw error;
  }
}

/**
 * Whom a request is counted against: an IPv4 address, or the /64 of an IPv6 one (a single connection
 * is usually handed a whole /64, so counting addresses would give it billions of allowances).
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
