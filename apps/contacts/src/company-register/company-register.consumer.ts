import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompanyRegisterChangedEvent, Topics } from '@registry/contracts';
import { EventBatchPattern } from '@registry/kafka';
import { claimEvent } from '@registry/persistence';
import { DataSource } from 'typeorm';

/** Keeps contacts' copy of the group company register: an event seen before changes nothing, an older version never replaces a newer one. */
@Controller()
export class CompanyRegisterConsumer {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @EventBatchPattern(Topics.companyRegister, CompanyRegisterChangedEvent)
  async onRegisterChanged(@Payload() events: CompanyRegisterChangedEvent[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const event of events) {
        if (!(await claimEvent(manager, event.eventId, Topics.companyRegister))) continue;
        await manager.query(
          `INSERT INTO company_register (company_code, version, legal_name, country, relationship, active, changed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (company_code) DO UPDATE SET
             version = EXCLUDED.version, legal_name = EXCLUDED.legal_name, country = EXCLUDED.country,
             relationship = EXCLUDED.relationship, active = EXCLUDED.active, changed_at = EXCLUDED.changed_at, received_at = now()
           WHERE company_register.version < EXCLUDED.version`,
          [event.companyCode, event.version, event.legalName, event.country, event.relationship, event.active, event.changedAt],
        );
      }
    });
  }
}
