import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProvisionRecordedEvent, Topics } from '@registry/contracts';
import { EventValidationPipe } from '@registry/kafka';
import { ProvisionRecordsService } from './provision-records.service';

@Controller()
export class ProvisionEventsConsumer {
  constructor(@Inject(ProvisionRecordsService) private readonly records: ProvisionRecordsService) {}

  @EventPattern(Topics.provision)
  async onProvisionRecorded(@Payload(new EventValidationPipe(ProvisionRecordedEvent)) event: ProvisionRecordedEvent): Promise<void> {
    await this.records.ingest(event);
  }
}
