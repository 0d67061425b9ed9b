import { Inject, Injectable } from '@nestjs/common';
import { DISCLOSURE_READ_SCOPE, type Principal, type ServiceTokenSigner } from '@registry/auth';
import { JOINT_USE_NOTICE } from '@registry/policy';
import { RegistryException } from '@registry/platform';
import type { EntityManager } from 'typeorm';
import { AcquisitionEntity } from '../contacts/acquisition.entity';
import { ContactEntity } from '../contacts/contact.entity';
import { CorrectionEntity } from '../contacts/correction.entity';
import { gatherRecordOfProvision, type RecordOfProvisionDisclosure } from './record-of-provision.gathering';
import type { SubjectRequestType } from './request-types';

export const DISCLOSURE_OPTIONS = Symbol('DISCLOSURE_OPTIONS');

export interface DisclosureOptions {
  sharingUrl: string;
  auditUrl: string;
  /** Contacts' own identity: sharing and audit trust it for the disclosure routes only. */
  serviceTokens: ServiceTokenSigner;
  sharingAudience: string;
  auditAudience: string;
  /** The most entries of a record of provision one person's part of a bundle holds (DISCLOSURE_RECORD_LIMIT). */
  recordOfProvisionLimit: number;
}

/** Everything the registry holds about one person, from every service. */
export interface PersonDisclosure {
  contactId: string;
  /** Contacts: every item, the intake-only ones included, and the joint-use status. */
  contact: Record<string, unknown> | null;
  /** Each acquisition, with the items exactly as it submitted them. */
  acquisitions: Record<string, unknown>[];
  /** Each correction, as stated, by the company that made it (null: the privacy office). */
  corrections: Record<string, unknown>[];
  /** Sharing: the items it holds for joint use, its suspension state and each company's delivery. */
  sharing: unknown;
  /** Audit: which companies received or read the person's data, when and for what purpose; says so when cut at the bound. */
  recordOfProvision: RecordOfProvisionDisclosure | null;
}

export interface DisclosureBundle {
  requestId: string;
  requestType: SubjectRequestType;
  preparedAt: string;
  preparedBy: string;
  notice: typeof JOINT_USE_NOTICE;
  persons: PersonDisclosure[];
}

/**
 * Gathers the disclosure bundle. Contacts' own part comes from its database; sharing's and audit's parts come
 * from their APIs, asked with contacts' own short-lived token, scoped to reading a disclosure and naming the
 * administrator preparing the bundle.
 */
@Injectable()
export class DisclosureService {
  constructor(@Inject(DISCLOSURE_OPTIONS) private readonly options: DisclosureOptions) {}

  async gather(manager: EntityManager, principal: Principal, request: { id: string; type: SubjectRequestType }, contactIds: string[]): Promise<DisclosureBundle> {
    const actingFor = `${principal.subject} (disclosure ${request.id})`;
    const [sharingToken, auditToken] = await Promise.all([
      this.options.serviceTokens.sign({ audience: this.options.sharingAudience, scope: DISCLOSURE_READ_SCOPE, actingFor }),
      this.options.serviceTokens.sign({ audience: this.options.auditAudience, scope: DISCLOSURE_READ_SCOPE, actingFor }),
    ]);
    const provisionOnly = request.type === 'DISCLOSURE_OF_PROVISION_RECORD';
    const purposesOnly = request.type === 'NOTIFICATION_OF_PURPOSE';
    const persons = await Promise.all(
      contactIds.map(async (contactId): Promise<PersonDisclosure> => {
        const ownPart = !purposesOnly && !provisionOnly;
        const [contact, acquisitions, corrections, sharing, recordOfProvision] = await Promise.all([
          ownPart ? manager.findOneBy(ContactEntity, { id: contactId }) : null,
          ownPart ? manager.find(AcquisitionEntity, { where: { contactId }, order: { statementOrder: 'ASC' } }) : [],
          ownPart ? manager.find(CorrectionEntity, { where: { contactId }, order: { statementOrder: 'ASC' } }) : [],
          ownPart ? this.fetch('sharing', `${this.options.sharingUrl}/shared-contacts/${contactId}/holdings`, sharingToken) : null,
          purposesOnly
            ? null
            : gatherRecordOfProvision(contactId, this.options.recordOfProvisionLimit, (query) =>
                this.fetch('audit', `${this.options.auditUrl}/audit/contacts/${contactId}/record-of-provision?${query}`, auditToken),
              ),
        ]);
        return {
          contactId,
          contact: contact ? contactItems(contact) : null,
          acquisitions: acquisitions.map((a) => ({
            method: a.method,
            acquiredOn: a.acquiredOn,
            companyCode: a.companyCode,
            acquiredBy: a.acquiredBy,
            purposeNotice: a.purposeNotice,
            memo: a.memo,
            cardImageRef: a.cardImageRef,
            submittedItems: a.submittedItems,
            recordedAt: a.createdAt.toISOString(),
          })),
          corrections: corrections.map((k) => ({
            companyCode: k.companyCode,
            correctedBy: k.correctedBy,
            statedItems: k.statedItems,
            recordedAt: k.recordedAt.toISOString(),
          })),
          sharing,
          recordOfProvision,
        };
      }),
    );
    return { requestId: request.id, requestType: request.type, preparedAt: new Date().toISOString(), preparedBy: principal.subject, notice: JOINT_USE_NOTICE, persons };
  }

  private async fetch(service: 'sharing' | 'audit', url: string, token: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new RegistryException('SERVICE_UNAVAILABLE', 503, `The disclosure needs ${service}, which did not answer at ${new URL(url).origin} (${(error as Error).message}); try again when it is up.`);
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new RegistryException('SERVICE_UNAVAILABLE', 503, `The disclosure needs ${service}, which answered ${response.status} at ${new URL(url).pathname}.`);
    return response.json();
  }
}

function contactItems(contact: ContactEntity): Record<string, unknown> {
  return {
    name: { full: contact.nameFull, kana: contact.nameKana },
    organizationName: contact.organizationName,
    address: contact.postalCode ? { postalCode: contact.postalCode, prefecture: contact.prefecture, city: contact.city, street: contact.street } : null,
    department: contact.department,
    title: contact.title,
    email: contact.email,
    phone: contact.phone,
    fax: contact.fax,
    transactionHistory: contact.transactionHistory,
    jointUse: contact.jointUse,
    version: contact.version,
    registeredAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}
