import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { companyEligibility } from '@registry/policy';
import { Periodic } from '@registry/platform';
import { DataSource } from 'typeorm';
import { GroupCompanyEntity } from '../companies/group-company.entity';
import { lockRegisterEntry } from '../companies/register-lock';
import { COMPANY_SYNC_OPTIONS, type CompanySyncOptions } from './company-sync.options';
import { EligibilityTransitions, type EligibilityTransition } from './eligibility-transitions';
import { loggableError } from '@registry/persistence';

/**
 * A recorded leaving date that passes, or a joining date that arrives, changes a company's eligibility with no
 * change to the register. This check finds such companies at a fixed interval and hands each to
 * EligibilityTransitions, under the entry's lock, so that two replicas checking at once decide it once.
 */
@Injectable()
export class EligibilityCheck implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EligibilityCheck');
  private readonly schedule: Periodic;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EligibilityTransitions) private readonly transitions: EligibilityTransitions,
    @Inject(COMPANY_SYNC_OPTIONS) options: CompanySyncOptions,
  ) {
    this.schedule = new Periodic(options.checkIntervalMs, () => this.run(), (error) => this.logger.error({ msg: 'eligibility check failed; will retry', error: loggableError(error) }));
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
  }

  /** Decides every company whose eligibility today differs from the one its deliveries follow. */
  async run(at = new Date()): Promise<EligibilityTransition[]> {
    const companies = await this.dataSource.getRepository(GroupCompanyEntity).find({ order: { code: 'ASC' } });
    const due = companies.filter((company) => company.eligible !== (companyEligibility(company, at) === null));
    const decided: EligibilityTransition[] = [];
    for (const { code } of due) {
      const transition = await this.dataSource.transaction(async (manager) => {
        await lockRegisterEntry(manager, code);
        const company = await manager.findOneByOrFail(GroupCompanyEntity, { code });
        return this.transitions.decide(manager, company, at, 'SCHEDULED_CHECK');
      });
      if (transition) decided.push(transition);
    }
    return decided;
  }
}
