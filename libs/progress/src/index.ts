export * from './progress.module';
export * from './progress.exception';
