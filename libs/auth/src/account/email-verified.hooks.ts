import { Injectable, Logger } from '@nestjs/common';

export type EmailVerifiedListener = (user: { id: string; email: string }) => Promise<unknown>;

/**
 * What other services do the moment an account's address is proven (an invitation waiting for it,
 * say). In-process and best effort: a listener's failure is logged, never the verifier's problem, so
 * each listener also has a way to catch up on its own (the progress service claims invitations when
 * the member next lists their enrolments).
 */
@Injectable()
export class EmailVerifiedHooks {
  private readonly logger = new Logger(EmailVerifiedHooks.name);
  private readonly listeners: EmailVerifiedListener[] = [];

  register(listener: EmailVerifiedListener): void {
    this.listeners.push(listener);
  }

  async verified(user: { id: string; email: string }): Promise<void> {
    for (const listener of this.listeners) {
      await listener(user).catch((error: Error) => this.logger.warn(`After verifying ${user.id}: ${error.message}`));
    }
  }
}
