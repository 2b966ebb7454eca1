export * from './certificate.module';
export * from './certificate-worker.module';
