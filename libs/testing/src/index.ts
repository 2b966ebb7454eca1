export * from './test-app';
export * from './test-database';
export * from './factories';
export * from './spare-redis';
export * from './test-env';
export * from './mail-catcher';
export * from './until';
export * from './zip';
