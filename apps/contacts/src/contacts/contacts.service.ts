import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { MAX_TRANSACTION_ENTRIES, Topics, type ContactEventType, type JointUseStatus } from '@registry/contracts';
import { appendToOutbox } from '@registry/kafka';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AcquisitionEntity } from './acquisition.entity';
import { ContactEntity } from './contact.entity';
import { contactStateEvent } from './contact-events';
import { identityKeys, identityText } from './contact-identity';
import { ContactsErrorCode, ContactsException } from './contacts.exception';
import { DeskAlertsService } from '../rights/desk-alerts.service';
import { SuppressionList } from '../rights/suppression-list';
import type { AppendTransactionsDto } from './dto/append-transactions.dto';
import type { CorrectContactDto } from './dto/correct-contact.dto';
import type { ListContactsQuery } from './dto/list-contacts.query';
import type { RegisterContactDto, TransactionEntryDto } from './dto/register-contact.dto';

export interface ContactRecord {
  contact: ContactEntity;
  acquisitions: AcquisitionEntity[];
}

export interface Registration extends ContactRecord {
  outcome: 'CREATED' | 'LINKED';
}

const entries = (dtos: TransactionEntryDto[] = []) => dtos.map(({ occurredOn, description, companyCode }) => ({ occurredOn, description, companyCode }));

@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SuppressionList) private readonly suppressions: SuppressionList,
    @Inject(DeskAlertsService) private readonly deskAlerts: DeskAlertsService,
  ) {}

  /**
   * Registers a contact, or, when the person is already registered (same e-mail, or same name, organization
   * and phone), adds this acquisition to that person. The change and its event commit together.
   */
  async register(principal: Principal, dto: RegisterContactDto): Promise<Registration> {
    return this.dataSource.transaction(async (manager) => {
      const keys = identityKeys({ email: dto.email ?? null, nameFull: dto.name.full, organizationName: dto.organizationName, phone: dto.phone ?? null });
      // Registrations of one person wait for each other here, so that two at once cannot both create it.
      for (const key of [keys.emailKey, keys.personKey].filter((k): k is string => k !== null).sort()) {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`contact-identity:${key}`]);
      }
      const existing = await this.findSamePerson(manager, keys);
      const contact =
        existing ??
        manager.create(ContactEntity, {
          id: randomUUID(),
          version: 0,
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
          transactionHistory: [],
          ...keys,
        });
      contact.transactionHistory = [...contact.transactionHistory, ...entries(dto.transactionHistory)];
      this.checkHistoryLimit(contact);
      // Someone who asked to be erased and not contacted again is accepted, but held out of joint use until the administrator decides.
      const returning = !existing && (await this.suppressions.contains(manager, this.suppressions.keys({ email: dto.email ?? null, phone: dto.phone ?? null })));
      if (returning) contact.jointUse = 'HELD';
      contact.version += 1;
      await manager.save(contact);
      if (returning) {
        await this.deskAlerts.raise(
          manager,
          'SUPPRESSED_PERSON_RETURNED',
          contact.id,
          'A person who asked to be erased and not to be contacted again was registered again; held out of joint use until you release (PUT /contacts/{id}/joint-use) or erase them.',
        );
      }
      await manager.insert(AcquisitionEntity, {
        id: randomUUID(),
        contactId: contact.id,
        method: dto.acquisition.method,
        acquiredOn: dto.acquisition.acquiredOn,
        companyCode: principal.companyCode,
        acquiredBy: principal.subject,
        purposeNotice: dto.acquisition.purposeNotice ?? null,
        memo: dto.memo ?? null,
        cardImageRef: dto.cardImageRef ?? null,
      });
      const record = await this.announce(manager, contact, existing ? 'AcquisitionAdded' : 'ContactRegistered');
      return { ...record, outcome: existing ? 'LINKED' : 'CREATED' };
    });
  }

  /** Corrects, adds or deletes items, provided the caller read the current version. */
  async correct(principal: Principal, id: string, dto: CorrectContactDto): Promise<ContactRecord> {
    return this.dataSource.transaction((manager) => this.correctWithin(manager, principal, id, dto));
  }

  /** As `correct`, inside the caller's transaction; `version: null` applies the change to whatever version is current. */
  async correctWithin(manager: EntityManager, principal: Principal, id: string, dto: Omit<CorrectContactDto, 'version'> & { version: number | null }): Promise<ContactRecord> {
    const contact = await this.lockVisible(manager, principal, id, dto.version);
    if (dto.name) Object.assign(contact, { nameFull: dto.name.full, nameKana: dto.name.kana ?? null });
    if (dto.organizationName !== undefined) contact.organizationName = dto.organizationName;
    if (dto.address !== undefined) {
      Object.assign(contact, {
        postalCode: dto.address?.postalCode ?? null,
        prefecture: dto.address?.prefecture ?? null,
        city: dto.address?.city ?? null,
        street: dto.address?.street ?? null,
      });
    }
    for (const item of ['department', 'title', 'email', 'phone', 'fax'] as const) {
      if (dto[item] !== undefined) contact[item] = dto[item] ?? null;
    }
    Object.assign(contact, identityKeys(contact));
    if (contact.emailKey && (await this.emailTakenByAnother(manager, contact))) {
      throw new ContactsException(
        ContactsErrorCode.EmailBelongsToAnotherContact,
        'Another contact already has this e-mail address; if they are the same person, ask the administrator to merge them.',
        [{ field: 'email', rule: 'unique', message: 'email belongs to another contact' }],
      );
    }
    contact.version += 1;
    await manager.save(contact);
    return this.announce(manager, contact, 'ContactCorrected');
  }

  /** Appends entries to the transaction history. */
  async appendTransactions(principal: Principal, id: string, dto: AppendTransactionsDto): Promise<ContactRecord> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await this.lockVisible(manager, principal, id, null);
      contact.transactionHistory = [...contact.transactionHistory, ...entries(dto.entries)];
      this.checkHistoryLimit(contact);
      contact.version += 1;
      await manager.save(contact);
      return this.announce(manager, contact, 'TransactionAdded');
    });
  }

  /** Sets a person's joint-use status at their request and announces it, so that sharing withdraws or delivers them. */
  async setJointUse(manager: EntityManager, id: string, status: JointUseStatus): Promise<ContactEntity> {
    const contact = await manager.findOne(ContactEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!contact) throw this.notFound(id);
    if (contact.jointUse === status) return contact;
    contact.jointUse = status;
    contact.version += 1;
    await manager.save(contact);
    await this.announce(manager, contact, 'JointUseChanged');
    return contact;
  }

  /**
   * Erases a person: the contact and its acquisitions are deleted, the events still in the outbox with their
   * data are dropped, and a tombstone tells every consumer (and Kafka's compaction) to forget them. With
   * `suppressFor`, the person's e-mail and phone go on the suppression list, as keyed hashes, for that request.
   */
  async erase(manager: EntityManager, id: string, suppressFor: string | null): Promise<void> {
    const contact = await manager.findOne(ContactEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!contact) return;
    if (suppressFor) await this.suppressions.add(manager, this.suppressions.keys(contact), suppressFor);
    await manager.delete(AcquisitionEntity, { contactId: id });
    await manager.delete(ContactEntity, { id });
    await manager.query(`DELETE FROM outbox WHERE topic = $1 AND message_key = $2`, [Topics.contact, id]);
    await appendToOutbox(manager, { topic: Topics.contact, key: id, event: null });
  }

  /** Sales staff see the contacts their own company acquired; the administrator sees all. */
  async get(principal: Principal, id: string): Promise<ContactRecord> {
    const contact = await this.visible(this.dataSource.manager, principal).andWhere('c.id = :id', { id }).getOne();
    if (!contact) throw this.notFound(id);
    return { contact, acquisitions: await this.acquisitionsOf(this.dataSource.manager, contact.id) };
  }

  /** Newest first, with a cursor for the next page. */
  async list(principal: Principal, query: ListContactsQuery): Promise<{ records: ContactRecord[]; nextCursor: string | null }> {
    const builder = this.visible(this.dataSource.manager, principal)
      .orderBy('c.seq', 'DESC')
      .limit(query.limit + 1);
    if (query.organization) {
      builder.andWhere(`lower(regexp_replace(normalize(c.organization_name, NFKC), '\\s', '', 'g')) LIKE :organization`, {
        organization: `%${identityText(query.organization).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
      });
    }
    if (query.email) builder.andWhere('c.email_key = :emailKey', { emailKey: identityText(query.email) });
    if (query.acquisitionMethod) {
      builder.andWhere('EXISTS (SELECT 1 FROM acquisitions m WHERE m.contact_id = c.id AND m.method = :method)', { method: query.acquisitionMethod });
    }
    if (query.companyCode && principal.role === 'admin') {
      builder.andWhere('EXISTS (SELECT 1 FROM acquisitions f WHERE f.contact_id = c.id AND f.company_code = :filterCompany)', {
        filterCompany: query.companyCode,
      });
    }
    if (query.cursor) builder.andWhere('c.seq < :cursor', { cursor: query.cursor });
    const rows = await builder.getMany();
    const page = rows.slice(0, query.limit);
    const acquisitions = await this.acquisitionsOf(this.dataSource.manager, page.map((c) => c.id));
    const last = page[page.length - 1];
    return {
      records: page.map((contact) => ({ contact, acquisitions: acquisitions.filter((a) => a.contactId === contact.id) })),
      nextCursor: rows.length > query.limit && last ? last.seq : null,
    };
  }

  private visible(manager: EntityManager, principal: Principal) {
    const builder = manager.getRepository(ContactEntity).createQueryBuilder('c');
    if (principal.role === 'admin') return builder;
    return builder.where('EXISTS (SELECT 1 FROM acquisitions v WHERE v.contact_id = c.id AND v.company_code = :viewer)', {
      viewer: principal.companyCode,
    });
  }

  private async lockVisible(manager: EntityManager, principal: Principal, id: string, expectedVersion: number | null): Promise<ContactEntity> {
    const contact = await this.visible(manager, principal).andWhere('c.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!contact) throw this.notFound(id);
    if (expectedVersion !== null && contact.version !== expectedVersion) {
      throw new ContactsException(
        ContactsErrorCode.StaleVersion,
        `The contact has changed since you read it (you sent version ${expectedVersion}, it is now ${contact.version}); read it again and reapply your change.`,
        { currentVersion: contact.version },
      );
    }
    return contact;
  }

  private async findSamePerson(manager: EntityManager, keys: { emailKey: string | null; personKey: string | null }): Promise<ContactEntity | null> {
    const repository = manager.getRepository(ContactEntity);
    const byEmail = keys.emailKey ? await repository.findOne({ where: { emailKey: keys.emailKey }, order: { createdAt: 'ASC' } }) : null;
    if (byEmail) return byEmail;
    return keys.personKey ? repository.findOne({ where: { personKey: keys.personKey }, order: { createdAt: 'ASC' } }) : null;
  }

  private async emailTakenByAnother(manager: EntityManager, contact: ContactEntity): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM contacts WHERE email_key = $1 AND id <> $2 LIMIT 1`, [contact.emailKey, contact.id]);
    return rows.length > 0;
  }

  private checkHistoryLimit(contact: ContactEntity): void {
    if (contact.transactionHistory.length > MAX_TRANSACTION_ENTRIES) {
      throw new ContactsException(
        ContactsErrorCode.TooManyTransactions,
        `A contact holds at most ${MAX_TRANSACTION_ENTRIES} transaction history entries; this change would make ${contact.transactionHistory.length}.`,
        [{ field: 'transactionHistory', rule: 'arrayMaxSize', message: `at most ${MAX_TRANSACTION_ENTRIES} entries in all` }],
      );
    }
  }

  private acquisitionsOf(manager: EntityManager, contactIds: string | string[]): Promise<AcquisitionEntity[]> {
    const ids = Array.isArray(contactIds) ? contactIds : [contactIds];
    if (ids.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(AcquisitionEntity)
      .createQueryBuilder('a')
      .where('a.contact_id IN (:...ids)', { ids })
      .orderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  private async announce(manager: EntityManager, contact: ContactEntity, eventType: ContactEventType): Promise<ContactRecord> {
    const acquisitions = await this.acquisitionsOf(manager, contact.id);
    const [first] = acquisitions;
    if (!first) throw new Error(`contact ${contact.id} has no acquisition`);
    await appendToOutbox(manager, { topic: Topics.contact, key: contact.id, event: contactStateEvent(contact, first, eventType, contact.updatedAt) });
    return { contact, acquisitions };
  }

  private notFound(id: string): ContactsException {
    return new ContactsException(ContactsErrorCode.ContactNotFound, `No contact ${id} is visible to you`);
  }
}
