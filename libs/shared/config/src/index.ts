export * from './common-settings';
export * from './load-settings';
export * from './transforms';
export * from './key-validators';
