import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { EligibilityTransitionsModule } from '../company-sync/eligibility-transitions.module';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { DEV_COMPANIES } from './dev-companies';

const SEED = Symbol('SEED_DEV_COMPANIES');

@Module({})
export class CompaniesModule implements OnApplicationBootstrap {
  constructor(
    @Inject(CompaniesService) private readonly companies: CompaniesService,
    @Inject(SEED) private readonly seed: boolean,
  ) {}

  static register(options: { seedDevCompanies: boolean }): DynamicModule {
    return {
      module: CompaniesModule,
      imports: [EligibilityTransitionsModule],
      controllers: [CompaniesController],
      providers: [CompaniesService, { provide: SEED, useValue: options.seedDevCompanies }],
      exports: [CompaniesService],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.seed) return;
    for (const [code, company] of Object.entries(DEV_COMPANIES)) await this.companies.put('development-seed', code, company);
    Logger.log({ msg: 'development group register loaded', companies: Object.keys(DEV_COMPANIES) }, 'CompaniesModule');
  }
}
