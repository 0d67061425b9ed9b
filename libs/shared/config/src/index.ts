export * from './common-settings';
export * from './load-settings';
export * from './transforms';
export * from './key-validators';
export * from './readable-file.validator';
export * from './sasl-credential.validators';
export * from './replication.validators';
