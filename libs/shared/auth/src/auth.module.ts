import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { BearerAuthGuard } from './bearer-auth.guard';

@Module({})
export class AuthModule {
  /** Installs the bearer-token guard on every route of the application. */
  static register(options: { secret: string }): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: APP_GUARD, inject: [Reflector], useFactory: (reflector: Reflector) => new BearerAuthGuard(reflector, options.secret) },
      ],
    };
  }
}
