export * from './queue.constants';
export * from './job-payloads';
export * from './queue.module';
export * from './job-producer';
export * from './outbox';
export * from './worker-options';
export * from './dispatch';
