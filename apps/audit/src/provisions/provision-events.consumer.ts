import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ProvisionRecordedEvent, Topics } from '@registry/contracts';
import { EventBatchPattern } from '@registry/kafka';
import { ProvisionRecordsService } from './provision-records.service';

@Controller()
export class ProvisionEventsConsumer {
  constructor(@Inject(ProvisionRecordsService) private readonly records: ProvisionRecordsService) {}

  @EventBatchPattern(Topics.provision, ProvisionRecordedEvent)
  async onProvisionsRecorded(@Payload() events: ProvisionRecordedEvent[]): Promise<void> {
    await this.records.ingest(events);
  }
}
