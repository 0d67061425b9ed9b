import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompanyRegisterChangedEvent, Topics, type RegisterChange } from '@registry/contracts';
import { appendToOutbox } from '@registry/kafka';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { EligibilityTransitions } from '../company-sync/eligibility-transitions';
import { CompanyAccessReconciler } from './company-access.reconciler';
import type { PutCompanyDto } from './dto/put-company.dto';
import { GroupCompanyChangeEntity, type RegisterEntryState } from './group-company-change.entity';
import { GroupCompanyEntity } from './group-company.entity';
import { lockRegisterEntry } from './register-lock';
import { loggableError } from '@registry/persistence';

export const stateOf = (company: RegisterEntryState): RegisterEntryState => ({
  legalName: company.legalName,
  country: company.country,
  relationship: company.relationship,
  joinedOn: company.joinedOn,
  leftOn: company.leftOn,
  active: company.active,
  kafkaCredentials: company.kafkaCredentials ?? 'NONE',
});

@Injectable()
export class CompaniesService {
  private readonly logger = new Logger(CompaniesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CompanyAccessReconciler) private readonly access: CompanyAccessReconciler,
    @Inject(EligibilityTransitions) private readonly transitions: EligibilityTransitions,
  ) {}

  /**
   * Creates or changes a register entry. A real change is kept in the history (who, when, before and after)
   * and announced on the company-register topic in the same transaction; repeating the current state changes nothing.
   * A change that makes the company eligible or ineligible records, in the same transaction, the backfill or
   * withdrawal of its topic (EligibilityTransitions); a company that is no longer eligible loses its Kafka ACLs
   * as soon as the change commits.
   */
  async put(changedBy: string, code: string, dto: PutCompanyDto): Promise<GroupCompanyEntity> {
    const company = await this.dataSource.transaction(async (manager) => {
      await lockRegisterEntry(manager, code);
      const existing = await manager.findOneBy(GroupCompanyEntity, { code });
      const after = stateOf({ ...dto, leftOn: dto.leftOn ?? null, kafkaCredentials: existing?.kafkaCredentials ?? 'NONE' });
      if (existing && JSON.stringify(stateOf(existing)) === JSON.stringify(after)) return existing;
      const changed = await this.recordChange(manager, { code, existing, after, changedBy, change: 'ENTRY' });
      await this.transitions.decide(manager, changed, new Date(), 'REGISTER_CHANGE');
      return manager.findOneByOrFail(GroupCompanyEntity, { code });
    });
    await this.access.reconcile(code).catch((error: Error) =>
      this.logger.warn({ msg: 'Kafka ACLs not brought in line with the register yet; the periodic check retries', companyCode: code, error: loggableError(error) }),
    );
    return company;
  }

  /**
   * Writes one change of an entry that the caller has locked: the entry, its history row and its event, in the
   * caller's transaction.
   */
  async recordChange(
    manager: EntityManager,
    change: { code: string; existing: GroupCompanyEntity | null; after: RegisterEntryState; changedBy: string; change: RegisterChange },
  ): Promise<GroupCompanyEntity> {
    const { code, existing, after, changedBy } = change;
    const version = (existing?.version ?? 0) + 1;
    const changedAt = new Date();
    // A new entry has received nothing yet.
    await manager.save(GroupCompanyEntity, existing ? { code, ...after, version } : { code, ...after, version, eligible: false });
    await manager.insert(GroupCompanyChangeEntity, {
      companyCode: code,
      version,
      change: change.change,
      changedBy,
      changedAt,
      before: existing ? stateOf(existing) : null,
      after,
    });
    const event: CompanyRegisterChangedEvent = {
      eventId: randomUUID(),
      occurredAt: changedAt.toISOString(),
      schemaVersion: CompanyRegisterChangedEvent.currentSchemaVersion,
      eventType: 'CompanyRegisterChanged',
      companyCode: code,
      version,
      legalName: after.legalName,
      country: after.country,
      relationship: after.relationship,
      joinedOn: after.joinedOn,
      leftOn: after.leftOn,
      active: after.active,
      change: change.change,
      kafkaCredentials: after.kafkaCredentials ?? 'NONE',
      changedBy,
      changedAt: changedAt.toISOString(),
    };
    await appendToOutbox(manager, { topic: Topics.companyRegister, key: code, event });
    return manager.findOneByOrFail(GroupCompanyEntity, { code });
  }

  list(): Promise<GroupCompanyEntity[]> {
    return this.dataSource.getRepository(GroupCompanyEntity).find({ order: { code: 'ASC' } });
  }

  /** Every change to one entry, oldest first. */
  history(code: string): Promise<GroupCompanyChangeEntity[]> {
    return this.dataSource.getRepository(GroupCompanyChangeEntity).find({ where: { companyCode: code }, order: { version: 'ASC' } });
  }
}
