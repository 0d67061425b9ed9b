import { Inject, Injectable } from '@nestjs/common';
import { DISCLOSURE_READ_SCOPE, type Principal, type ServiceTokenSigner } from '@registry/auth';
import { noticeInForce, PURPOSES_OF_USE, type JointUseNotice } from '@registry/policy';
import { RegistryException } from '@registry/platform';
import type { EntityManager } from 'typeorm';
import { CardImageEntity } from '../card-images/card-image.entity';
import { AcquisitionEntity } from '../contacts/acquisition.entity';
import { ContactEntity } from '../contacts/contact.entity';
import { CorrectionEntity } from '../contacts/correction.entity';
import { JointUseConsentEntity } from '../contacts/joint-use-consent.entity';
import { HELD_EXPLANATIONS } from '../contacts/joint-use-coverage';
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
  /**
   * Each acquisition: the acquiring company, date and method, the notice revision in force, the notice of purpose
   * shown (purposes, whether joint use was told, its wording) and the acquiring company's own purposes of use; for
   * a disclosure also the intake-only fields and the items exactly as it submitted them.
   */
  acquisitions: Record<string, unknown>[];
  /** Each acquisition's card image (intake-only): its type, size, SHA-256, who uploaded it and when, and the file itself in base64. */
  cardImages: DisclosedCardImage[];
  /** The person's consents to joint use, as the privacy office recorded them. */
  jointUseConsents: Record<string, unknown>[];
  /** Each correction, as stated, by the company that made it (null: the privacy office). */
  corrections: Record<string, unknown>[];
  /** Sharing: the items it holds for joint use, its suspension state and each company's delivery. */
  sharing: unknown;
  /** Audit: which companies received or read the person's data, when and for what purpose; says so when cut at the bound. */
  recordOfProvision: RecordOfProvisionDisclosure | null;
}

export interface DisclosedCardImage {
  acquisitionId: string;
  companyCode: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  contentBase64: string;
}

export interface DisclosureBundle {
  requestId: string;
  requestType: SubjectRequestType;
  preparedAt: string;
  preparedBy: string;
  /** The joint-use notice in force when the bundle was prepared; each acquisition names the revision it was collected under. */
  notice: JointUseNotice;
  /** The group's purposes of use (policy section 2): each group company's own purposes for what it acquires, unless others were stated at collection. */
  purposesOfUse: typeof PURPOSES_OF_USE;
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
        const [contact, acquisitions, cardImages, consents, corrections, sharing, recordOfProvision] = await Promise.all([
          ownPart ? manager.findOneBy(ContactEntity, { id: contactId }) : null,
          provisionOnly ? [] : manager.find(AcquisitionEntity, { where: { contactId }, order: { statementOrder: 'ASC' } }),
          ownPart
            ? manager.getRepository(CardImageEntity).createQueryBuilder('i').addSelect('i.content').where('i.contact_id = :contactId', { contactId }).orderBy('i.uploaded_at', 'ASC').getMany()
            : [],
          provisionOnly ? [] : manager.find(JointUseConsentEntity, { where: { contactId }, order: { recordedAt: 'ASC' } }),
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
            ...acquisitionNotice(a),
            ...(ownPart
              ? { acquiredBy: a.acquiredBy, memo: a.memo, cardImageRef: a.cardImageRef, submittedItems: a.submittedItems, recordedAt: a.createdAt.toISOString() }
              : {}),
          })),
          cardImages: cardImages.map((image) => ({
            acquisitionId: image.acquisitionId,
            companyCode: acquisitions.find((a) => a.id === image.acquisitionId)?.companyCode ?? '',
            mediaType: image.mediaType,
            sizeBytes: image.sizeBytes,
            sha256: image.sha256,
            uploadedBy: image.uploadedBy,
            uploadedAt: image.uploadedAt.toISOString(),
            contentBase64: image.content.toString('base64'),
          })),
          jointUseConsents: consents.map((c) => ({
            noticeVersion: c.noticeVersion,
            consentedOn: c.consentedOn,
            evidence: c.evidence,
            recordedBy: c.recordedBy,
            recordedAt: c.recordedAt.toISOString(),
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
    return {
      requestId: request.id,
      requestType: request.type,
      preparedAt: new Date().toISOString(),
      preparedBy: principal.subject,
      notice: noticeInForce(new Date()).notice,
      purposesOfUse: PURPOSES_OF_USE,
      persons,
    };
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

/** What the person was told when their data was acquired, and for what the acquiring company uses it. */
function acquisitionNotice(acquisition: AcquisitionEntity): Record<string, unknown> {
  return {
    companyCode: acquisition.companyCode,
    acquiredOn: acquisition.acquiredOn,
    method: acquisition.method,
    noticeVersion: acquisition.noticeVersion,
    purposesShown: acquisition.purposesShown ?? [],
    jointUseNotified: acquisition.jointUseNotified,
    noticeWording: acquisition.purposeNotice,
    // Each group company uses what it acquires for the group's purposes of use, unless others were stated at collection.
    acquiringCompanyPurposes: PURPOSES_OF_USE.map((purpose) => ({ policyItem: purpose.policyItem, wording: purpose.wording })),
  };
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
    heldReason: contact.jointUse === 'HELD' ? contact.heldReason : null,
    heldExplanation: contact.jointUse === 'HELD' && contact.heldReason ? HELD_EXPLANATIONS[contact.heldReason] : null,
    version: contact.version,
    registeredAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}
