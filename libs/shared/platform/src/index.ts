export * from './health.module';
export * from './http-app';
export * from './json-logger';
export * from './registry-exception.filter';
export * from './registry.exception';
export * from './request-validation.pipe';
export * from './start-service';
export * from './periodic';
