import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload, RpcException } from '@nestjs/microservices';
import { ContactStateEvent, Topics } from '@registry/contracts';
import { EventValidationPipe, MALFORMED_EVENT, type MalformedEventError } from '@registry/kafka';
import { ProjectionService } from './projection.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Controller()
export class ContactEventsConsumer {
  private readonly validate = new EventValidationPipe(ContactStateEvent);

  constructor(@Inject(ProjectionService) private readonly projection: ProjectionService) {}

  /** A contact's new state, or its tombstone (a null value under its id) when the person was erased. */
  @EventPattern(Topics.contact)
  async onContactState(@Payload() value: Buffer | null, @Ctx() context: KafkaContext): Promise<void> {
    if (value === null) {
      const key = context.getMessage().key?.toString() ?? '';
      if (!UUID.test(key)) {
        const error: MalformedEventError = { code: MALFORMED_EVENT, problems: [{ field: '(key)', rule: 'isUuid', message: 'a tombstone must be keyed by a contact id' }] };
        throw new RpcException(error);
      }
      await this.projection.erase(key.toLowerCase());
      return;
    }
    await this.projection.apply(this.validate.transform(value));
  }
}
