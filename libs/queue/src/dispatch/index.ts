export * from './job-processor.decorator';
export * from './job-dispatch.module';
export * from './queue-dispatcher';
