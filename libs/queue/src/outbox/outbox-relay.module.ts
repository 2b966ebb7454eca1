import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@greenlight/config';
import { JobProducer } from '../job-producer';
import { OutboxRelay } from './outbox-relay';
import type { OutboxName } from './outbox.constants';
import { outboxTable } from './relay-source';

/** The injection token of one outbox's relay (a process may run several, e.g. the platform). */
export const outboxRelayToken = (outbox: OutboxName) => `OutboxRelay:${outbox}`;

/** Runs the relay of one service's outbox in this process (unless OUTBOX_RELAY=false). */
@Module({})
export class OutboxRelayModule {
  static forOutbox(outbox: OutboxName): DynamicModule {
    const token = outboxRelayToken(outbox);
    return {
      module: OutboxRelayModule,
      providers: [
        {
          provide: token,
          inject: [getDataSourceToken(), JobProducer, APP_CONFIG],
          useFactory: (dataSource: DataSource, producer: JobProducer, config: AppConfig) =>
            new OutboxRelay(outboxTable(outbox, config), dataSource, producer, config),
        },
      ],
      exports: [token],
    };
  }
}
