import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { RegistryException } from '@registry/platform';
import { DataSource } from 'typeorm';
import { ContactsService } from './contacts.service';
import { heldReasonOut, JointUseConsentResponse } from './dto/contact.response';
import type { JointUseConsentResultResponse, RecordJointUseConsentDto } from './dto/joint-use-consent.dto';

/** Today in Japan, where consents are dated. */
const todayInJapan = (now = new Date()) => new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

/** Records a person's consent to joint use, which lifts a hold for their not having been told of it. */
@Injectable()
export class RecordJointUseConsentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ContactsService) private readonly contacts: ContactsService,
  ) {}

  async execute(principal: Principal, contactId: string, dto: RecordJointUseConsentDto): Promise<JointUseConsentResultResponse> {
    if (dto.consentedOn > todayInJapan()) {
      throw new RegistryException('VALIDATION_FAILED', 400, 'A consent cannot be dated in the future.', [
        { field: 'consentedOn', rule: 'notInFuture', message: 'consentedOn must be today or earlier (Japan time)' },
      ]);
    }
    const { contact, consent } = await this.dataSource.transaction((manager) => this.contacts.recordJointUseConsent(manager, principal, contactId, dto));
    return {
      contactId: contact.id,
      jointUse: contact.jointUse,
      ...heldReasonOut(contact.jointUse, contact.heldReason),
      version: contact.version,
      consent: JointUseConsentResponse.from(consent),
    };
  }
}
