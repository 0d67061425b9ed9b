export * from './cached';
export * from './consumer-lag';
export * from './http-labels';
export * from './metrics-access';
export * from './metrics-options';
export * from './metrics.module';
export * from './service-metrics';
export * from './store-metrics';
