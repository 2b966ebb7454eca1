import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@greenlight/config';
import { hashPassword } from './session/password';
import { UsersRepository } from './users/users.repository';

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no such user exists; never changes an existing one. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly users: UsersRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password || (await this.users.findByEmail(email))) return;
    const created = await this.users.create({
      email,
      passwordHash: await hashPassword(password),
      name: 'Administrator',
      role: 'admin',
      locale: 'en',
    });
    if (created) this.logger.log(`Created the admin account ${email}`);
  }
}
