import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { loggableError } from '@registry/persistence';
import { Periodic } from '@registry/platform';
import { DataSource } from 'typeorm';
import { ContactsService } from './contacts.service';
import { RegistrationResponse } from './dto/contact.response';
import type { RegisterContactDto } from './dto/register-contact.dto';
import { RegistrationIdempotency, requestHash, type RememberedAnswer } from './registration-idempotency';

/** Registers a contact once per Idempotency-Key: a retry gets the first answer, and nothing new is stored. */
@Injectable()
export class RegisterContactUseCase implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RegisterContact');
  private readonly pruning = new Periodic(60 * 60_000, () => this.dataSource.transaction((m) => this.idempotency.prune(m)), (error) =>
    this.logger.error({ msg: 'pruning idempotency keys failed', error: loggableError(error) }),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ContactsService) private readonly contacts: ContactsService,
    @Inject(RegistrationIdempotency) private readonly idempotency: RegistrationIdempotency,
  ) {}

  onApplicationBootstrap(): void {
    this.pruning.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pruning.stop();
  }

  async execute(principal: Principal, dto: RegisterContactDto, idempotencyKey: string | null): Promise<{ statusCode: number; body: RegistrationResponse }> {
    return this.dataSource.transaction(async (manager) => {
      const hash = idempotencyKey ? requestHash(dto) : '';
      if (idempotencyKey) {
        const remembered = await this.idempotency.recall(manager, principal.companyCode, idempotencyKey, hash);
        if (remembered) return remembered as { statusCode: number; body: RegistrationResponse };
      }
      const registration = await this.contacts.register(manager, principal, dto);
      const answer: RememberedAnswer = {
        statusCode: registration.outcome === 'CREATED' ? HttpStatus.CREATED : HttpStatus.OK,
        body: RegistrationResponse.from(registration),
      };
      if (idempotencyKey) await this.idempotency.remember(manager, principal.companyCode, idempotencyKey, hash, answer);
      return answer as { statusCode: number; body: RegistrationResponse };
    });
  }
}
