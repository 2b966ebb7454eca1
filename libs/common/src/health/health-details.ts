import { Injectable } from '@nestjs/common';

type DetailSource = () => Promise<unknown>;

/**
 * Facts a service adds to /api/health beside the up/down checks (e.g. the certificate backlog): they
 * inform, they do not fail the check, since a backlog is being worked off, not a dependency down.
 */
@Injectable()
export class HealthDetails {
  private readonly sources = new Map<string, DetailSource>();

  register(name: string, source: DetailSource): void {
    this.sources.set(name, source);
  }

  /** Every detail, or undefined when no service registered one (the answer then keeps its first shape). */
  async collect(): Promise<Record<string, unknown> | undefined> {
    if (!this.sources.size) return undefined;
    const entries = await Promise.all(
      [...this.sources].map(async ([name, source]) => [name, await source().catch(() => 'unavailable')] as const),
    );
    return Object.fromEntries(entries);
  }
}
