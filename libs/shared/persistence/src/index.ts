export * from './database-options';
export * from './loggable-error';
export * from './processed-events';
export * from './typeorm-json-logger';
export * from './database-unavailable';
export * from './processed-events-pruning.module';
export * from './exclusive-migrations';
