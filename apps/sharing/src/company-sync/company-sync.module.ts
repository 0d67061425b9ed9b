import { Module, type DynamicModule } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { CompanySyncController } from './company-sync.controller';
import { COMPANY_SYNC_OPTIONS, type CompanySyncOptions } from './company-sync.options';
import { CompanySyncWorker } from './company-sync.worker';
import { EligibilityCheck } from './eligibility-check';
import { EligibilityTransitionsModule } from './eligibility-transitions.module';

/** Keeps each company's topic in line with its eligibility: backfills, withdrawals, the date check, their progress. */
@Module({})
export class CompanySyncModule {
  static register(options: CompanySyncOptions): DynamicModule {
    return {
      module: CompanySyncModule,
      imports: [DeliveriesModule, EligibilityTransitionsModule],
      controllers: [CompanySyncController],
      providers: [CompanySyncWorker, EligibilityCheck, { provide: COMPANY_SYNC_OPTIONS, useValue: options }],
    };
  }
}
