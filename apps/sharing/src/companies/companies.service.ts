import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompanyRegisterChangedEvent, Topics } from '@registry/contracts';
import { appendToOutbox } from '@registry/kafka';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EligibilityTransitions } from '../company-sync/eligibility-transitions';
import type { PutCompanyDto } from './dto/put-company.dto';
import { GroupCompanyChangeEntity, type RegisterEntryState } from './group-company-change.entity';
import { GroupCompanyEntity } from './group-company.entity';
import { lockRegisterEntry } from './register-lock';

const stateOf = (company: RegisterEntryState): RegisterEntryState => ({
  legalName: company.legalName,
  country: company.country,
  relationship: company.relationship,
  joinedOn: company.joinedOn,
  leftOn: company.leftOn,
  active: company.active,
});

@Injectable()
export class CompaniesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EligibilityTransitions) private readonly transitions: EligibilityTransitions,
  ) {}

  /**
   * Creates or changes a register entry. A real change is kept in the history (who, when, before and after)
   * and announced on the company-register topic in the same transaction; repeating the current state changes nothing.
   * A change that makes the company eligible or ineligible records, in the same transaction, the backfill or
   * withdrawal of its topic (EligibilityTransitions).
   */
  async put(changedBy: string, code: string, dto: PutCompanyDto): Promise<GroupCompanyEntity> {
    return this.dataSource.transaction(async (manager) => {
      await lockRegisterEntry(manager, code);
      const existing = await manager.findOneBy(GroupCompanyEntity, { code });
      const after = stateOf({ ...dto, leftOn: dto.leftOn ?? null });
      const before = existing ? stateOf(existing) : null;
      if (existing && JSON.stringify(before) === JSON.stringify(after)) return existing;

      const version = (existing?.version ?? 0) + 1;
      const changedAt = new Date();
      // A new entry has received nothing yet.
      await manager.save(GroupCompanyEntity, existing ? { code, ...after, version } : { code, ...after, version, eligible: false });
      await manager.insert(GroupCompanyChangeEntity, { companyCode: code, version, changedBy, changedAt, before, after });
      const event: CompanyRegisterChangedEvent = {
        eventId: randomUUID(),
        occurredAt: changedAt.toISOString(),
        schemaVersion: CompanyRegisterChangedEvent.currentSchemaVersion,
        eventType: 'CompanyRegisterChanged',
        companyCode: code,
        version,
        ...after,
        changedBy,
        changedAt: changedAt.toISOString(),
      };
      await appendToOutbox(manager, { topic: Topics.companyRegister, key: code, event });
      await this.transitions.decide(manager, await manager.findOneByOrFail(GroupCompanyEntity, { code }), changedAt, 'REGISTER_CHANGE');
      return manager.findOneByOrFail(GroupCompanyEntity, { code });
    });
  }

  list(): Promise<GroupCompanyEntity[]> {
    return this.dataSource.getRepository(GroupCompanyEntity).find({ order: { code: 'ASC' } });
  }

  /** Every change to one entry, oldest first. */
  history(code: string): Promise<GroupCompanyChangeEntity[]> {
    return this.dataSource.getRepository(GroupCompanyChangeEntity).find({ where: { companyCode: code }, order: { version: 'ASC' } });
  }
}
