import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ContactStateEvent, Topics } from '@registry/contracts';
import { EventValidationPipe } from '@registry/kafka';
import { ProjectionService } from './projection.service';

@Controller()
export class ContactEventsConsumer {
  constructor(@Inject(ProjectionService) private readonly projection: ProjectionService) {}

  @EventPattern(Topics.contact)
  async onContactState(@Payload(new EventValidationPipe(ContactStateEvent)) event: ContactStateEvent): Promise<void> {
    await this.projection.apply(event);
  }
}
