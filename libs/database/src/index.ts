export * from './database.module';
export * from './data-source-options';
export * from './migrate';
export * from './snake-naming.strategy';
export * from './prepared-query';
export * from './each-row';
export * from './pg-listener';
