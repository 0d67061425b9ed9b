import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { AccessTokenVerifier, type IdentityProviderOptions } from './access-tokens';
import { BearerAuthGuard } from './bearer-auth.guard';
import { COMPANY_REGISTER_CHECK, type CompanyRegisterCheck } from './company-register';
import { ServiceTokenVerifier, type ServiceCallerTrust } from './service-tokens';

export interface AuthModuleOptions {
  identityProvider: IdentityProviderOptions;
  /** How this service knows the group company register. */
  companyRegister: Type<CompanyRegisterCheck>;
  /** A registry service trusted to call routes that allow its scope; none when omitted. */
  serviceCaller?: ServiceCallerTrust;
}

@Module({})
export class AuthModule {
  /** Installs the bearer-token guard on every route of the application. */
  static register(options: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: COMPANY_REGISTER_CHECK, useClass: options.companyRegister },
        {
          provide: APP_GUARD,
          inject: [Reflector, COMPANY_REGISTER_CHECK],
          useFactory: (reflector: Reflector, register: CompanyRegisterCheck) =>
            new BearerAuthGuard(
              reflector,
              new AccessTokenVerifier(options.identityProvider),
              register,
              options.serviceCaller ? new ServiceTokenVerifier(options.serviceCaller) : null,
            ),
        },
      ],
    };
  }
}
