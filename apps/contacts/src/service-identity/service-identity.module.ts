import { Module, type DynamicModule } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { SERVICE_SIGNING_KEY, ServiceIdentityController } from './service-identity.controller';

/** Publishes contacts' own public key. */
@Module({})
export class ServiceIdentityModule {
  static register(options: { privateKey: KeyObject }): DynamicModule {
    return { module: ServiceIdentityModule, controllers: [ServiceIdentityController], providers: [{ provide: SERVICE_SIGNING_KEY, useValue: options.privateKey }] };
  }
}
