export * from './outbox.constants';
export * from './outbox-relay';
export * from './outbox-relay.module';
export * from './relay-source';
