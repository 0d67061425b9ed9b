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
import { formCompanyView, formItems, type ContactItems, type ItemStatement, type StatedItems, type TransactionEntryChange } from './contact-items';
import { ContactsErrorCode, ContactsException } from './contacts.exception';
import { CorrectionEntity } from './correction.entity';
import { JointUseConsentEntity } from './joint-use-consent.entity';
import { coveringNoticeVersion, HELD_EXPLANATIONS, stateByDecision, stateOfNewPerson, stateOnceCovered, toldOfJointUse } from './joint-use-coverage';
import { noticeVersionOn } from './notice-version';
import { DeskAlertsService } from '../rights/desk-alerts.service';
import { SuppressionList } from '../rights/suppression-list';
import type { AppendTransactionsDto } from './dto/append-transactions.dto';
import type { CorrectContactDto } from './dto/correct-contact.dto';
import type { ListContactsQuery } from './dto/list-contacts.query';
import type { RegisterContactDto, TransactionEntryDto } from './dto/register-contact.dto';

/**
 * A person as one caller may see them. The administrator sees the person's shared state and every
 * acquisition; sales staff see their own company's view (its acquisitions and corrections, and the privacy
 * office's corrections) and their own company's acquisitions only, or, while the person's use is
 * suspended, only that it is suspended.
 */
export type ContactView =
  | { kind: 'FULL'; contact: ContactEntity; items: ContactItems; acquisitions: AcquisitionEntity[]; consents?: JointUseConsentEntity[] }
  | { kind: 'SUSPENDED'; contact: ContactEntity; acquisitions: AcquisitionEntity[] };

export interface Registration {
  outcome: 'CREATED' | 'LINKED';
  contact: ContactEntity;
  /** This registration's own acquisition, with the items it submitted. */
  acquisition: AcquisitionEntity;
}

type CorrectionChanges = Omit<CorrectContactDto, 'version'>;

/** New transaction history entries, each with the id by which it can later be corrected or deleted. */
const entries = (dtos: TransactionEntryDto[] = []) => dtos.map(({ occurredOn, description, companyCode }) => ({ id: randomUUID(), occurredOn, description, companyCode }));

/** The items a registration submitted, as they are kept with its acquisition: only those it named. */
function submittedItems(dto: RegisterContactDto): StatedItems {
  const items: StatedItems = { name: dto.name.kana !== undefined ? { full: dto.name.full, kana: dto.name.kana } : { full: dto.name.full }, organizationName: dto.organizationName };
  if (dto.address) {
    items.address = { postalCode: dto.address.postalCode, prefecture: dto.address.prefecture, city: dto.address.city, street: dto.address.street ?? null };
  }
  for (const item of ['department', 'title', 'email', 'phone', 'fax'] as const) {
    const value = dto[item];
    if (value !== undefined) items[item] = value;
  }
  if (dto.transactionHistory?.length) items.transactionHistory = entries(dto.transactionHistory);
  return items;
}

/** The items a correction names; null deletes an optional item. */
function correctedItems(dto: CorrectionChanges): StatedItems {
  const items: StatedItems = {};
  if (dto.name) items.name = { full: dto.name.full, kana: dto.name.kana ?? null };
  if (dto.organizationName !== undefined) items.organizationName = dto.organizationName;
  if (dto.address !== undefined) {
    items.address = dto.address ? { postalCode: dto.address.postalCode, prefecture: dto.address.prefecture, city: dto.address.city, street: dto.address.street ?? null } : null;
  }
  for (const item of ['department', 'title', 'email', 'phone', 'fax'] as const) {
    if (dto[item] !== undefined) items[item] = dto[item] ?? null;
  }
  return items;
}

/** The items held in the contact row: the person's shared state. */
export function sharedItemsOf(contact: ContactEntity): ContactItems {
  return {
    name: { full: contact.nameFull, kana: contact.nameKana },
    organizationName: contact.organizationName,
    address:
      contact.postalCode && contact.prefecture && contact.city
        ? { postalCode: contact.postalCode, prefecture: contact.prefecture, city: contact.city, street: contact.street }
        : null,
    department: contact.department,
    title: contact.title,
    email: contact.email,
    phone: contact.phone,
    fax: contact.fax,
    transactionHistory: contact.transactionHistory,
  };
}

const isOffice = (principal: Principal) => principal.role === 'admin';

function assertTransactionCount(items: ContactItems): void {
  if (items.transactionHistory.length > MAX_TRANSACTION_ENTRIES) {
    throw new ContactsException(
      ContactsErrorCode.TooManyTransactions,
      `A contact holds at most ${MAX_TRANSACTION_ENTRIES} transaction history entries; this change would make ${items.transactionHistory.length}.`,
      [{ field: 'transactionHistory', rule: 'arrayMaxSize', message: `at most ${MAX_TRANSACTION_ENTRIES} entries in all` }],
    );
  }
}

/**
 * Registrations of one person wait for each other here, so that two at once cannot both create it. The keys' locks
 * are taken in one statement, in sorted order (a select list is evaluated left to right), so that no two wait for each other.
 */
async function lockIdentityKeys(manager: EntityManager, keys: { emailKey: string | null; personKey: string | null }): Promise<void> {
  const names = [keys.emailKey, keys.personKey].filter((k): k is string => k !== null).sort().map((key) => `contact-identity:${key}`);
  if (names.length === 0) return;
  await manager.query(`SELECT ${names.map((_, i) => `pg_advisory_xact_lock(hashtext($${i + 1}))`).join(', ')}`, names);
}

type NewAcquisition = Omit<AcquisitionEntity, 'statementOrder' | 'createdAt'>;

/** Inserts an acquisition and answers it as it is stored (as a read would), without reading it back. */
async function insertAcquisition(manager: EntityManager, acquisition: NewAcquisition): Promise<AcquisitionEntity> {
  const [row] = (await manager.query(
    `INSERT INTO acquisitions (id, contact_id, method, acquired_on, company_code, acquired_by, notice_version, purposes_shown, joint_use_notified, purpose_notice, memo, card_image_ref, submitted_items)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     RETURNING to_char(acquired_on, 'YYYY-MM-DD') AS acquired_on, purposes_shown, submitted_items, statement_order, created_at`,
    [
      acquisition.id,
      acquisition.contactId,
      acquisition.method,
      acquisition.acquiredOn,
      acquisition.companyCode,
      acquisition.acquiredBy,
      acquisition.noticeVersion,
      acquisition.purposesShown === null ? null : JSON.stringify(acquisition.purposesShown),
      acquisition.jointUseNotified,
      acquisition.purposeNotice,
      acquisition.memo,
      acquisition.cardImageRef,
      JSON.stringify(acquisition.submittedItems),
    ],
  )) as { acquired_on: string; purposes_shown: string[] | null; submitted_items: StatedItems; statement_order: string; created_at: Date }[];
  if (!row) throw new Error(`acquisition ${acquisition.id} was not stored`);
  return Object.assign(new AcquisitionEntity(), acquisition, {
    acquiredOn: row.acquired_on,
    purposesShown: row.purposes_shown,
    submittedItems: row.submitted_items,
    statementOrder: row.statement_order,
    createdAt: row.created_at,
  });
}

@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SuppressionList) private readonly suppressions: SuppressionList,
    @Inject(DeskAlertsService) private readonly deskAlerts: DeskAlertsService,
  ) {}

  /**
   * Registers a contact, or, when the person is already registered (same e-mail, or same name, organization
   * and phone), adds this acquisition to that person. The acquisition keeps the items as submitted; the
   * person's shared state is formed again from every acquisition and correction. Runs in the caller's
   * transaction, so that the change and its event commit together.
   */
  async register(manager: EntityManager, principal: Principal, dto: RegisterContactDto): Promise<Registration> {
    const keys = identityKeys({ email: dto.email ?? null, nameFull: dto.name.full, organizationName: dto.organizationName, phone: dto.phone ?? null });
    await lockIdentityKeys(manager, keys);
    const existing = await this.lockSamePerson(manager, keys);
    const items = submittedItems(dto);
    // A new person's shared state is formed from this acquisition alone, so it is stored formed, as its first version.
    const formedItems = existing ? null : this.formed([{ order: 0n, companyCode: principal.companyCode, items }], 'new contact');
    if (formedItems) assertTransactionCount(formedItems);
    const contact = existing ?? manager.create(ContactEntity, { id: randomUUID(), version: 1, ...this.columnsOf(formedItems as ContactItems) });
    const notice = {
      method: dto.acquisition.method,
      noticeVersion: noticeVersionOn(dto.acquisition.acquiredOn),
      jointUseNotified: dto.acquisition.noticeOfPurpose?.jointUseNotified ?? true,
    };
    // Someone who asked to be erased and not contacted again is accepted, but held out of joint use until the administrator decides.
    const returning = !existing && (await this.suppressions.contains(manager, this.suppressions.keys({ email: dto.email ?? null, phone: dto.phone ?? null })));
    // A person never told of joint use is held out of it; telling them at a later acquisition lifts that hold.
    if (!existing) Object.assign(contact, stateOfNewPerson(returning, toldOfJointUse(notice)));
    else if (toldOfJointUse(notice)) Object.assign(contact, stateOnceCovered(contact));
    if (!existing) await manager.insert(ContactEntity, contact);
    if (returning) {
      await this.deskAlerts.raise(
        manager,
        'SUPPRESSED_PERSON_RETURNED',
        contact.id,
        'A person who asked to be erased and not to be contacted again was registered again; held out of joint use until you release (PUT /contacts/{id}/joint-use) or erase them.',
      );
    }
    if (!existing && contact.heldReason === 'JOINT_USE_NOT_NOTIFIED') {
      await this.deskAlerts.raise(manager, 'JOINT_USE_NOT_NOTIFIED', contact.id, HELD_EXPLANATIONS.JOINT_USE_NOT_NOTIFIED + ' Record their consent with POST /contacts/{id}/joint-use-consent.');
    }
    const acquisition = await insertAcquisition(manager, {
      id: randomUUID(),
      contactId: contact.id,
      method: dto.acquisition.method,
      acquiredOn: dto.acquisition.acquiredOn,
      companyCode: principal.companyCode,
      acquiredBy: principal.subject,
      noticeVersion: notice.noticeVersion,
      purposesShown: dto.acquisition.noticeOfPurpose?.purposesShown ?? null,
      jointUseNotified: notice.jointUseNotified,
      purposeNotice: dto.acquisition.noticeOfPurpose?.wording ?? null,
      memo: dto.memo ?? null,
      cardImageRef: dto.cardImageRef ?? null,
      submittedItems: items,
    });
    if (existing) {
      const acquisitions = await this.formSharedState(manager, contact);
      await this.announce(manager, contact, 'AcquisitionAdded', acquisitions);
    } else {
      // A person created just now has this one acquisition and no consent yet.
      await this.announce(manager, contact, 'ContactRegistered', [acquisition], []);
    }
    return { outcome: existing ? 'LINKED' : 'CREATED', contact, acquisition };
  }

  /** Corrects, adds or deletes items, provided the caller read the current version. */
  async correct(principal: Principal, id: string, dto: CorrectContactDto): Promise<ContactView> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await this.correctWithin(manager, principal, id, dto);
      return this.viewWithin(manager, principal, contact);
    });
  }

  /**
   * As `correct`, inside the caller's transaction; `version: null` applies the change to whatever version is
   * current. Sales staff correct their own company's view; the administrator's correction holds for every view.
   */
  async correctWithin(manager: EntityManager, principal: Principal, id: string, dto: CorrectionChanges & { version: number | null }): Promise<ContactEntity> {
    const contact = await this.lockVisible(manager, principal, id, dto.version);
    const { version: _version, ...changes } = dto;
    await this.state(manager, principal, contact.id, correctedItems(changes));
    const acquisitions = await this.formSharedState(manager, contact);
    if (contact.emailKey && (await this.emailTakenByAnother(manager, contact))) {
      throw new ContactsException(
        ContactsErrorCode.EmailBelongsToAnotherContact,
        'Another contact already has this e-mail address; if they are the same person, ask the administrator to merge them.',
        [{ field: 'email', rule: 'unique', message: 'email belongs to another contact' }],
      );
    }
    await this.announce(manager, contact, 'ContactCorrected', acquisitions);
    return contact;
  }

  /** Appends entries to the transaction history, as the caller's company's statement. */
  async appendTransactions(principal: Principal, id: string, dto: AppendTransactionsDto): Promise<ContactView> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await this.lockVisible(manager, principal, id, null);
      await this.state(manager, principal, contact.id, { transactionHistory: entries(dto.entries) });
      const acquisitions = await this.formSharedState(manager, contact);
      await this.announce(manager, contact, 'TransactionAdded', acquisitions);
      return this.viewWithin(manager, principal, contact);
    });
  }

  /**
   * Sets a person's joint-use status at their request or by the privacy office's decision, and announces it, so
   * that sharing withdraws or delivers them. A person never told of joint use cannot be made active: `ACTIVE`
   * holds them for that reason until they are told or consent.
   */
  async setJointUse(manager: EntityManager, id: string, status: JointUseStatus): Promise<ContactEntity> {
    const contact = await manager.findOne(ContactEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!contact) throw this.notFound(id);
    if (contact.jointUse === status) return contact;
    const next = stateByDecision(status, (await this.coveringNoticeVersion(manager, contact.id)) !== null);
    if (next.jointUse === contact.jointUse && next.heldReason === contact.heldReason) return contact;
    Object.assign(contact, next);
    contact.version += 1;
    await manager.save(contact);
    await this.announce(manager, contact, 'JointUseChanged');
    return contact;
  }

  /**
   * Records the person's consent to joint use under the notice revision in force on the day they gave it, and
   * lifts a hold for their not having been told of joint use (never a suspension, nor a hold after their objection).
   * The consent is published with the person's state, as the revision that now covers their joint use.
   */
  async recordJointUseConsent(
    manager: EntityManager,
    principal: Principal,
    id: string,
    consent: { consentedOn: string; evidence: string },
  ): Promise<{ contact: ContactEntity; consent: JointUseConsentEntity }> {
    const contact = await manager.findOne(ContactEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!contact) throw this.notFound(id);
    const consentId = randomUUID();
    await manager.insert(JointUseConsentEntity, {
      id: consentId,
      contactId: id,
      noticeVersion: noticeVersionOn(consent.consentedOn),
      consentedOn: consent.consentedOn,
      evidence: consent.evidence,
      recordedBy: principal.subject,
    });
    Object.assign(contact, stateOnceCovered(contact));
    contact.version += 1;
    await manager.save(contact);
    await this.announce(manager, contact, 'JointUseChanged');
    return { contact, consent: await manager.findOneOrFail(JointUseConsentEntity, { where: { id: consentId } }) };
  }

  /** The person's recorded consents to joint use, oldest first. */
  jointUseConsentsOf(manager: EntityManager, contactId: string): Promise<JointUseConsentEntity[]> {
    return manager.find(JointUseConsentEntity, { where: { contactId }, order: { recordedAt: 'ASC' } });
  }

  /**
   * The privacy office corrects (date, description) or deletes one transaction history entry, found by its id among
   * the given persons' entries, for every company's view. The change is kept as a correction and published as the
   * person's new state. Answers the person whose entry it was.
   */
  async changeTransactionEntry(manager: EntityManager, principal: Principal, contactIds: string[], change: TransactionEntryChange): Promise<ContactEntity> {
    const contact = contactIds.length
      ? await manager
          .getRepository(ContactEntity)
          .createQueryBuilder('c')
          .where('c.id IN (:...ids)', { ids: contactIds })
          .andWhere(`c.transaction_history @> jsonb_build_array(jsonb_build_object('id', CAST(:entryId AS text)))`, { entryId: change.id })
          .setLock('pessimistic_write')
          .getOne()
      : null;
    if (!contact) {
      throw new ContactsException(ContactsErrorCode.TransactionEntryNotFound, `No transaction history entry ${change.id} is held for the persons this request is about.`, [
        { field: 'entryId', rule: 'exists', message: 'no such entry in the confirmed persons’ transaction history' },
      ]);
    }
    await this.state(manager, principal, contact.id, { transactionChanges: [change] });
    const acquisitions = await this.formSharedState(manager, contact);
    await this.announce(manager, contact, 'ContactCorrected', acquisitions);
    return contact;
  }

  /**
   * Erases a person: the contact, its acquisitions and corrections are deleted, the events still in the outbox
   * with their data are dropped, and a tombstone tells every consumer (and Kafka's compaction) to forget them.
   * With `suppressFor`, the person's e-mail and phone go on the suppression list, as keyed hashes, for that request.
   */
  async erase(manager: EntityManager, id: string, suppressFor: string | null): Promise<void> {
    const contact = await manager.findOne(ContactEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!contact) return;
    if (suppressFor) await this.suppressions.add(manager, this.suppressions.keys(contact), suppressFor);
    await manager.delete(CorrectionEntity, { contactId: id });
    // A kept answer to a registration holds the items it submitted: a retry must not bring them back.
    await manager.query(`DELETE FROM registration_idempotency_keys WHERE response->>'id' = $1`, [id]);
    await manager.delete(AcquisitionEntity, { contactId: id });
    await manager.delete(ContactEntity, { id });
    await manager.query(`DELETE FROM outbox WHERE topic = $1 AND message_key = $2`, [Topics.contact, id]);
    await appendToOutbox(manager, { topic: Topics.contact, key: id, event: null });
  }

  /** Sales staff see a person their own company acquired, as their company's view; the administrator sees all. */
  async get(principal: Principal, id: string): Promise<ContactView> {
    const manager = this.dataSource.manager;
    const contact = await this.visible(manager, principal).andWhere('c.id = :id', { id }).getOne();
    if (!contact) throw this.notFound(id);
    return this.viewWithin(manager, principal, contact);
  }

  /** Newest first, with a cursor for the next page. Sales staff do not get persons whose use is suspended. */
  async list(principal: Principal, query: ListContactsQuery): Promise<{ views: ContactView[]; nextCursor: string | null }> {
    const manager = this.dataSource.manager;
    const builder = this.visible(manager, principal)
      .orderBy('c.seq', 'DESC')
      .limit(query.limit + 1);
    if (!isOffice(principal)) builder.andWhere(`c.joint_use <> 'SUSPENDED'`);
    const normalised = (column: string) => `lower(regexp_replace(normalize(${column}, NFKC), '\\s', '', 'g'))`;
    if (query.organization) {
      const organization = `%${identityText(query.organization).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      // Sales staff search what their own company stated, never what another company did.
      builder.andWhere(
        isOffice(principal)
          ? `${normalised('c.organization_name')} LIKE :organization`
          : `(EXISTS (SELECT 1 FROM acquisitions oa WHERE oa.contact_id = c.id AND oa.company_code = :viewer AND ${normalised(`oa.submitted_items->>'organizationName'`)} LIKE :organization)
              OR EXISTS (SELECT 1 FROM contact_corrections oc WHERE oc.contact_id = c.id AND (oc.company_code = :viewer OR oc.company_code IS NULL) AND ${normalised(`oc.stated_items->>'organizationName'`)} LIKE :organization))`,
        { organization, viewer: principal.companyCode },
      );
    }
    if (query.email) {
      const emailKey = identityText(query.email);
      builder.andWhere(
        isOffice(principal)
          ? 'c.email_key = :emailKey'
          : `(EXISTS (SELECT 1 FROM acquisitions ea WHERE ea.contact_id = c.id AND ea.company_code = :viewer AND ${normalised(`ea.submitted_items->>'email'`)} = :emailKey)
              OR EXISTS (SELECT 1 FROM contact_corrections ec WHERE ec.contact_id = c.id AND (ec.company_code = :viewer OR ec.company_code IS NULL) AND ${normalised(`ec.stated_items->>'email'`)} = :emailKey))`,
        { emailKey, viewer: principal.companyCode },
      );
    }
    if (query.acquisitionMethod) {
      builder.andWhere(
        `EXISTS (SELECT 1 FROM acquisitions m WHERE m.contact_id = c.id AND m.method = :method${isOffice(principal) ? '' : ' AND m.company_code = :viewer'})`,
        { method: query.acquisitionMethod, viewer: principal.companyCode },
      );
    }
    if (query.companyCode && isOffice(principal)) {
      builder.andWhere('EXISTS (SELECT 1 FROM acquisitions f WHERE f.contact_id = c.id AND f.company_code = :filterCompany)', {
        filterCompany: query.companyCode,
      });
    }
    if (query.cursor) builder.andWhere('c.seq < :cursor', { cursor: query.cursor });
    const rows = await builder.getMany();
    const page = rows.slice(0, query.limit);
    const views = await this.viewsWithin(manager, principal, page);
    const last = page[page.length - 1];
    return { views, nextCursor: rows.length > query.limit && last ? last.seq : null };
  }

  /** The person as the caller may see them. */
  async viewWithin(manager: EntityManager, principal: Principal, contact: ContactEntity): Promise<ContactView> {
    const [view] = await this.viewsWithin(manager, principal, [contact]);
    if (!view) throw this.notFound(contact.id);
    return view;
  }

  private async viewsWithin(manager: EntityManager, principal: Principal, contacts: ContactEntity[]): Promise<ContactView[]> {
    const ids = contacts.map((c) => c.id);
    const acquisitions = await this.acquisitionsOf(manager, ids);
    if (isOffice(principal)) {
      const consents = ids.length ? await manager.getRepository(JointUseConsentEntity).createQueryBuilder('j').where('j.contact_id IN (:...ids)', { ids }).orderBy('j.recorded_at', 'ASC').getMany() : [];
      return contacts.map((contact) => ({
        kind: 'FULL',
        contact,
        items: sharedItemsOf(contact),
        acquisitions: acquisitions.filter((a) => a.contactId === contact.id),
        consents: consents.filter((c) => c.contactId === contact.id),
      }));
    }
    const own = acquisitions.filter((a) => a.companyCode === principal.companyCode);
    const statements = await this.statementsOf(manager, ids, own);
    return contacts.map((contact): ContactView => {
      const ownAcquisitions = own.filter((a) => a.contactId === contact.id);
      if (contact.jointUse === 'SUSPENDED') return { kind: 'SUSPENDED', contact, acquisitions: ownAcquisitions };
      const items = formCompanyView(statements.get(contact.id) ?? [], principal.companyCode);
      if (!items) throw this.notFound(contact.id);
      return { kind: 'FULL', contact, items, acquisitions: ownAcquisitions };
    });
  }

  /** Every acquisition and correction of the given persons, as statements for forming their items. */
  private async statementsOf(manager: EntityManager, contactIds: string[], acquisitions?: AcquisitionEntity[]): Promise<Map<string, ItemStatement[]>> {
    const byContact = new Map<string, ItemStatement[]>();
    if (contactIds.length === 0) return byContact;
    const corrections = await manager.getRepository(CorrectionEntity).createQueryBuilder('k').where('k.contact_id IN (:...ids)', { ids: contactIds }).getMany();
    const add = (contactId: string, statement: ItemStatement) => byContact.set(contactId, [...(byContact.get(contactId) ?? []), statement]);
    for (const a of acquisitions ?? (await this.acquisitionsOf(manager, contactIds))) add(a.contactId, { order: BigInt(a.statementOrder), companyCode: a.companyCode, items: a.submittedItems });
    for (const k of corrections) add(k.contactId, { order: BigInt(k.statementOrder), companyCode: k.companyCode, items: k.statedItems });
    return byContact;
  }

  /** Records what the caller stated about the person: for its own company, or, for the administrator, for all. */
  private async state(manager: EntityManager, principal: Principal, contactId: string, items: StatedItems): Promise<void> {
    await manager.insert(CorrectionEntity, {
      id: randomUUID(),
      contactId,
      companyCode: isOffice(principal) ? null : principal.companyCode,
      correctedBy: principal.subject,
      statedItems: items,
    });
  }

  /**
   * Forms the person's shared state again from every acquisition and correction, and stores it as the next version
   * with one UPDATE (the contact is locked and loaded already). Answers the acquisitions it read, for the event.
   */
  private async formSharedState(manager: EntityManager, contact: ContactEntity): Promise<AcquisitionEntity[]> {
    const acquisitions = await this.acquisitionsOf(manager, [contact.id]);
    const items = this.formed((await this.statementsOf(manager, [contact.id], acquisitions)).get(contact.id) ?? [], contact.id);
    assertTransactionCount(items);
    Object.assign(contact, this.columnsOf(items));
    contact.version += 1;
    const { id, seq: _seq, createdAt: _createdAt, updatedAt: _updatedAt, ...columns } = contact;
    const updated = await manager.createQueryBuilder().update(ContactEntity).set(columns).where('id = :id', { id }).returning('updated_at').updateEntity(false).execute();
    contact.updatedAt = (updated.raw as { updated_at: Date }[])[0]?.updated_at ?? contact.updatedAt;
    return acquisitions;
  }

  private formed(statements: ItemStatement[], contactId: string): ContactItems {
    const items = formItems(statements);
    if (!items) throw new Error(`contact ${contactId} has no acquisition naming its required items`);
    return items;
  }

  private columnsOf(items: ContactItems) {
    const columns = {
      nameFull: items.name.full,
      nameKana: items.name.kana ?? null,
      organizationName: items.organizationName,
      postalCode: items.address?.postalCode ?? null,
      prefecture: items.address?.prefecture ?? null,
      city: items.address?.city ?? null,
      street: items.address?.street ?? null,
      department: items.department,
      title: items.title,
      email: items.email,
      phone: items.phone,
      fax: items.fax,
      transactionHistory: items.transactionHistory,
    };
    return { ...columns, ...identityKeys(columns) };
  }

  private visible(manager: EntityManager, principal: Principal) {
    const builder = manager.getRepository(ContactEntity).createQueryBuilder('c');
    if (isOffice(principal)) return builder.where('TRUE');
    return builder.where('EXISTS (SELECT 1 FROM acquisitions v WHERE v.contact_id = c.id AND v.company_code = :viewer)', {
      viewer: principal.companyCode,
    });
  }

  private async lockVisible(manager: EntityManager, principal: Principal, id: string, expectedVersion: number | null): Promise<ContactEntity> {
    const contact = await this.visible(manager, principal).andWhere('c.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!contact) throw this.notFound(id);
    if (!isOffice(principal) && contact.jointUse === 'SUSPENDED') {
      throw new ContactsException(ContactsErrorCode.ContactSuspended, `The use of contact ${id} is suspended at the person's request; it cannot be changed by sales staff.`);
    }
    if (expectedVersion !== null && contact.version !== expectedVersion) {
      throw new ContactsException(
        ContactsErrorCode.StaleVersion,
        `The contact has changed since you read it (you sent version ${expectedVersion}, it is now ${contact.version}); read it again and reapply your change.`,
        { currentVersion: contact.version },
      );
    }
    return contact;
  }

  /** The person registered earliest under the e-mail, else under name, organization and phone; locked for update. */
  private async lockSamePerson(manager: EntityManager, keys: { emailKey: string | null; personKey: string | null }): Promise<ContactEntity | null> {
    if (!keys.emailKey && !keys.personKey) return null;
    return manager
      .getRepository(ContactEntity)
      .createQueryBuilder('c')
      .where('(c.email_key = :emailKey OR c.person_key = :personKey)', keys)
      .orderBy('CASE WHEN c.email_key = :emailKey THEN 0 ELSE 1 END', 'ASC')
      .addOrderBy('c.created_at', 'ASC')
      .limit(1)
      .setLock('pessimistic_write')
      .getOne();
  }

  private async emailTakenByAnother(manager: EntityManager, contact: ContactEntity): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM contacts WHERE email_key = $1 AND id <> $2 LIMIT 1`, [contact.emailKey, contact.id]);
    return rows.length > 0;
  }

  private acquisitionsOf(manager: EntityManager, contactIds: string[]): Promise<AcquisitionEntity[]> {
    if (contactIds.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(AcquisitionEntity)
      .createQueryBuilder('a')
      .where('a.contact_id IN (:...ids)', { ids: contactIds })
      .orderBy('a.statement_order', 'ASC')
      .getMany();
  }

  /** The newest notice revision under which the person was told of joint use (at an acquisition, or by consent); null if never. */
  private async coveringNoticeVersion(manager: EntityManager, contactId: string, acquisitions?: AcquisitionEntity[], knownConsents?: JointUseConsentEntity[]): Promise<string | null> {
    const consents = knownConsents ?? (await this.jointUseConsentsOf(manager, contactId));
    return coveringNoticeVersion([
      ...(acquisitions ?? (await this.acquisitionsOf(manager, [contactId]))),
      ...consents.map((consent) => ({ noticeVersion: consent.noticeVersion, jointUseNotified: true })),
    ]);
  }

  /** Publishes the person's state; `acquisitions` and `consents`, when the caller has them current, are not read again. */
  private async announce(
    manager: EntityManager,
    contact: ContactEntity,
    eventType: ContactEventType,
    knownAcquisitions?: AcquisitionEntity[],
    knownConsents?: JointUseConsentEntity[],
  ): Promise<void> {
    const acquisitions = knownAcquisitions ?? (await this.acquisitionsOf(manager, [contact.id]));
    const [first] = acquisitions;
    if (!first) throw new Error(`contact ${contact.id} has no acquisition`);
    // A person never told of joint use is held out of it; their event still names a revision: the newest they were acquired under.
    const noticeVersion = (await this.coveringNoticeVersion(manager, contact.id, acquisitions, knownConsents)) ?? acquisitions.map((a) => a.noticeVersion).sort().at(-1) ?? first.noticeVersion;
    await appendToOutbox(manager, { topic: Topics.contact, key: contact.id, event: contactStateEvent(contact, first, eventType, contact.updatedAt, noticeVersion) });
  }

  private notFound(id: string): ContactsException {
    return new ContactsException(ContactsErrorCode.ContactNotFound, `No contact ${id} is visible to you`);
  }
}
