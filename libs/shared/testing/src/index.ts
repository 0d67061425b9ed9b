export * from './eventually';
export * from './service-process';
export * from './test-environment';
export * from './tokens';
export * from './topic-reader';
export * from './free-port';
export * from './in-process-app';
export * from './sample-events';
