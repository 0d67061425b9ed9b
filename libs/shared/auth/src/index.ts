export * from './access-tokens';
export * from './auth.decorators';
export * from './auth.module';
export * from './auth-refusal';
export { BearerAuthGuard } from './bearer-auth.guard';
export * from './company-register';
export * from './key-sources';
export * from './principal';
export * from './service-tokens';
