import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { createKafka, type KafkaConnection } from '@registry/kafka';
import { EligibilityTransitionsModule } from '../company-sync/eligibility-transitions.module';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { ACCESS_RECONCILE_INTERVAL_MS, CompanyAccessReconciler } from './company-access.reconciler';
import { CompanyBrokerAccess } from './company-broker-access';
import { CompanyCredentialsController } from './company-credentials.controller';
import { COMPANY_BOOTSTRAP_SERVERS, CompanyCredentialsService } from './company-credentials.service';
import { DEV_COMPANIES } from './dev-companies';

const SEED = Symbol('SEED_DEV_COMPANIES');

export interface CompaniesOptions {
  seedDevCompanies: boolean;
  /** Sharing's credentials principal: it alone changes group companies' credentials and ACLs on the broker. */
  credentialsAdmin: KafkaConnection;
  /** Where companies are told to connect. */
  companyBootstrapServers: string[];
  accessReconcileIntervalMs: number;
}

@Module({})
export class CompaniesModule implements OnApplicationBootstrap {
  constructor(
    @Inject(CompaniesService) private readonly companies: CompaniesService,
    @Inject(SEED) private readonly seed: boolean,
  ) {}

  static register(options: CompaniesOptions): DynamicModule {
    return {
      module: CompaniesModule,
      imports: [EligibilityTransitionsModule],
      controllers: [CompaniesController, CompanyCredentialsController],
      providers: [
        CompaniesService,
        CompanyCredentialsService,
        CompanyAccessReconciler,
        { provide: CompanyBrokerAccess, useFactory: () => new CompanyBrokerAccess(createKafka(options.credentialsAdmin)) },
        { provide: ACCESS_RECONCILE_INTERVAL_MS, useValue: options.accessReconcileIntervalMs },
        { provide: COMPANY_BOOTSTRAP_SERVERS, useValue: options.companyBootstrapServers },
        { provide: SEED, useValue: options.seedDevCompanies },
      ],
      exports: [CompaniesService],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.seed) return;
    for (const [code, company] of Object.entries(DEV_COMPANIES)) await this.companies.put('development-seed', code, company);
    Logger.log({ msg: 'development group register loaded', companies: Object.keys(DEV_COMPANIES) }, 'CompaniesModule');
  }
}
