export * from './database-options';
export * from './loggable-error';
export * from './processed-events';
export * from './typeorm-json-logger';
export * from './database-unavailable';
export * from './exclusive-migrations';
