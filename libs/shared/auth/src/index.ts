export * from './auth.decorators';
export * from './auth.module';
export { BearerAuthGuard } from './bearer-auth.guard';
export * from './principal';
export * from './tokens';
