import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';

/** Runs the outbox relay in this process (unless OUTBOX_RELAY=false); the progress service imports it. */
@Module({ providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxRelayModule {}
