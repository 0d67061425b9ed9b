import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompanyRegisterChangedEvent, Topics } from '@registry/contracts';
import { EventBatchPattern } from '@registry/kafka';
import { DataSource } from 'typeorm';
import { ChainWriter } from '../chain/chain-writer';
import { CHAINS } from '../chain/chains';

/** Keeps every change to the group company register in its own chain: who was eligible when, as evidence. */
@Controller()
export class CompanyRegisterConsumer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChainWriter) private readonly chain: ChainWriter,
  ) {}

  @EventBatchPattern(Topics.companyRegister, CompanyRegisterChangedEvent)
  async onRegisterChanged(@Payload() events: CompanyRegisterChangedEvent[]): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.chain.append(
        manager,
        CHAINS['company-register'],
        events.map((event) => ({
          event_id: event.eventId,
          company_code: event.companyCode,
          version: event.version,
          legal_name: event.legalName,
          country: event.country,
          relationship: event.relationship,
          joined_on: event.joinedOn,
          left_on: event.leftOn,
          active: event.active,
          change: event.change ?? null,
          kafka_credentials: event.kafkaCredentials ?? null,
          changed_by: event.changedBy,
          changed_at: event.changedAt,
        })),
      ),
    );
  }
}
