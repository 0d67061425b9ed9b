import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AccessRecordedEvent, Topics } from '@registry/contracts';
import { EventValidationPipe } from '@registry/kafka';
import { AccessRecordsService } from './access-records.service';

@Controller()
export class AccessEventsConsumer {
  constructor(@Inject(AccessRecordsService) private readonly records: AccessRecordsService) {}

  @EventPattern(Topics.access)
  async onAccessRecorded(@Payload(new EventValidationPipe(AccessRecordedEvent)) event: AccessRecordedEvent): Promise<void> {
    await this.records.ingest(event);
  }
}
