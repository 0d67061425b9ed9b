import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Periodic } from '@registry/platform';
import { companyEligibility } from '@registry/policy';
import { DataSource } from 'typeorm';
import { CompanyBrokerAccess } from './company-broker-access';
import { GroupCompanyEntity } from './group-company.entity';
import { loggableError } from '@registry/persistence';

export const ACCESS_RECONCILE_INTERVAL_MS = Symbol('ACCESS_RECONCILE_INTERVAL_MS');

/**
 * Keeps each company's ACLs on the broker in line with the register: granted while the company holds active
 * credentials and is eligible, none otherwise. Runs after every register change and on a schedule, which also
 * catches a leaving date that passes. Idempotent, so any number of replicas may run it at once.
 */
@Injectable()
export class CompanyAccessReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CompanyAccess');
  private readonly schedule: Periodic;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CompanyBrokerAccess) private readonly broker: CompanyBrokerAccess,
    @Inject(ACCESS_RECONCILE_INTERVAL_MS) intervalMs: number,
  ) {
    this.schedule = new Periodic(intervalMs, () => this.reconcile(), (error) =>
      this.logger.warn({ msg: 'bringing Kafka ACLs in line with the register failed; will retry', error: loggableError(error) }),
    );
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
  }

  /** Aligns one company's ACLs, or every company's. */
  async reconcile(companyCode?: string): Promise<void> {
    const repository = this.dataSource.getRepository(GroupCompanyEntity);
    const companies = companyCode ? await repository.findBy({ code: companyCode }) : await repository.find({ order: { code: 'ASC' } });
    const now = new Date();
    for (const company of companies) {
      const ineligibility = companyEligibility(company, now);
      const granted = company.kafkaCredentials === 'ACTIVE' && ineligibility === null;
      if (await this.broker.align(company.code, granted)) {
        this.logger.log({
          msg: granted ? 'Kafka ACLs granted' : 'Kafka ACLs removed',
          companyCode: company.code,
          credentials: company.kafkaCredentials,
          ...(ineligibility ? { ineligibility } : {}),
        });
      }
    }
  }
}
