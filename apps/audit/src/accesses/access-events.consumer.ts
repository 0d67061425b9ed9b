import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AccessRecordedEvent, Topics } from '@registry/contracts';
import { EventBatchPattern } from '@registry/kafka';
import { AccessRecordsService } from './access-records.service';

@Controller()
export class AccessEventsConsumer {
  constructor(@Inject(AccessRecordsService) private readonly records: AccessRecordsService) {}

  @EventBatchPattern(Topics.access, AccessRecordedEvent)
  async onAccessesRecorded(@Payload() events: AccessRecordedEvent[]): Promise<void> {
    await this.records.ingest(events);
  }
}
