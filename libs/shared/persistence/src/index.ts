export * from './database-options';
export * from './processed-events';
