import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { Topics } from '@registry/contracts';
import { appendToOutbox } from '@registry/kafka';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ContactEntity } from './contact.entity';
import { contactStateEvent } from './contact-events';
import { ContactsErrorCode, ContactsException } from './contacts.exception';
import type { RegisterContactDto } from './dto/register-contact.dto';

@Injectable()
export class ContactsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the contact and its event in one transaction: acknowledged means it will reach sharing. */
  async register(principal: Principal, dto: RegisterContactDto): Promise<ContactEntity> {
    return this.dataSource.transaction(async (manager) => {
      const contact = manager.create(ContactEntity, {
        id: randomUUID(),
        version: 1,
        nameFull: dto.name.full,
        nameKana: dto.name.kana ?? null,
        organizationName: dto.organizationName,
        postalCode: dto.address?.postalCode ?? null,
        prefecture: dto.address?.prefecture ?? null,
        city: dto.address?.city ?? null,
        street: dto.address?.street ?? null,
        department: dto.department ?? null,
        title: dto.title ?? null,
        email: dto.email ?? null,
        phone: dto.phone ?? null,
        fax: dto.fax ?? null,
        transactionHistory: (dto.transactionHistory ?? []).map(({ occurredOn, description, companyCode }) => ({ occurredOn, description, companyCode })),
        acquisitionMethod: dto.acquisition.method,
        acquiredOn: dto.acquisition.acquiredOn,
        acquiringCompanyCode: principal.companyCode,
        acquiredBy: principal.subject,
        memo: dto.memo ?? null,
        cardImageRef: dto.cardImageRef ?? null,
      });
      const saved = await manager.save(contact);
      await appendToOutbox(manager, { topic: Topics.contact, key: saved.id, event: contactStateEvent(saved, 'ContactRegistered', saved.createdAt) });
      return saved;
    });
  }

  /** Sales staff see the contacts their own company acquired; the administrator sees all. */
  async get(principal: Principal, id: string): Promise<ContactEntity> {
    const contact = await this.dataSource.getRepository(ContactEntity).findOneBy({ id });
    if (!contact || (principal.role !== 'admin' && contact.acquiringCompanyCode !== principal.companyCode)) {
      throw new ContactsException(ContactsErrorCode.ContactNotFound, `No contact ${id} is visible to you`);
    }
    return contact;
  }
}
