import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { Principal } from '@registry/auth';
import { HELD_REASONS, type HeldReason } from '@registry/contracts';
import type { AcquisitionEntity } from '../acquisition.entity';
import type { ContactItems, ContactTransactionEntry, StatedItems } from '../contact-items';
import type { JointUseConsentEntity } from '../joint-use-consent.entity';
import { HELD_EXPLANATIONS } from '../joint-use-coverage';
import type { ContactView, Registration } from '../contacts.service';

class PersonNameResponse {
  @ApiProperty() full!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) kana!: string | null;
}

class AddressResponse {
  @ApiProperty() postalCode!: string;
  @ApiProperty() prefecture!: string;
  @ApiProperty() city!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) street!: string | null;
}

class TransactionEntryResponse {
  @ApiProperty({ description: 'The entry’s id, by which the privacy office corrects or deletes it; never shared with group companies' }) id!: string;
  @ApiProperty() occurredOn!: string;
  @ApiProperty() description!: string;
  @ApiProperty() companyCode!: string;
}

/** The facts of an acquisition: what sales staff of the acquiring company see of it while the person's use is suspended. */
export class AcquisitionFactsResponse {
  @ApiProperty() id!: string;
  @ApiProperty() method!: string;
  @ApiProperty() acquiredOn!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty() recordedAt!: string;

  static from(acquisition: AcquisitionEntity): AcquisitionFactsResponse {
    return { id: acquisition.id, method: acquisition.method, acquiredOn: acquisition.acquiredOn, companyCode: acquisition.companyCode, recordedAt: acquisition.createdAt.toISOString() };
  }
}

export class NoticeOfPurposeResponse {
  @ApiProperty({ type: [String], description: 'The purposes stated to the person at collection (empty for acquisitions recorded before purposes were kept apart: see the wording)' })
  purposesShown!: string[];
  @ApiProperty({ description: 'Whether the person was told of joint use' }) jointUseNotified!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The wording of, or a reference to, the notice shown' }) wording!: string | null;
}

/** An acquisition as its own company and the administrator see it: intake-only notes and the items as submitted. */
export class AcquisitionResponse extends AcquisitionFactsResponse {
  @ApiProperty({ description: 'Intake-only: the staff member who registered it' }) acquiredBy!: string;
  @ApiProperty({ example: '2022-04-01', description: 'The joint-use notice revision in force on the acquisition date' }) noticeVersion!: string;
  @ApiProperty({
    description: 'Whether the person was told of joint use: as the notice of purpose says, or, for business cards and discussions without one, by the published notice',
  })
  jointUseNotified!: boolean;
  @ApiPropertyOptional({ type: NoticeOfPurposeResponse, nullable: true, description: 'The notice of purpose shown at collection; null where none was recorded' })
  noticeOfPurpose!: NoticeOfPurposeResponse | null;
  @ApiPropertyOptional({ description: 'Intake-only', nullable: true, type: String }) memo!: string | null;
  @ApiPropertyOptional({ description: 'Intake-only', nullable: true, type: String }) cardImageRef!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The items exactly as this acquisition submitted them; never changed afterwards' })
  submittedItems!: StatedItems;

  static override from(acquisition: AcquisitionEntity): AcquisitionResponse {
    return {
      ...AcquisitionFactsResponse.from(acquisition),
      acquiredBy: acquisition.acquiredBy,
      noticeVersion: acquisition.noticeVersion,
      jointUseNotified: acquisition.jointUseNotified,
      noticeOfPurpose:
        acquisition.purposesShown !== null || acquisition.purposeNotice !== null
          ? { purposesShown: acquisition.purposesShown ?? [], jointUseNotified: acquisition.jointUseNotified, wording: acquisition.purposeNotice }
          : null,
      memo: acquisition.memo,
      cardImageRef: acquisition.cardImageRef,
      submittedItems: acquisition.submittedItems,
    };
  }
}

class ContactItemsResponse {
  @ApiProperty({ type: PersonNameResponse }) name!: { full: string; kana: string | null };
  @ApiProperty() organizationName!: string;
  @ApiPropertyOptional({ type: AddressResponse, nullable: true }) address!: { postalCode: string; prefecture: string; city: string; street: string | null } | null;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) title!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) email!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) fax!: string | null;
  @ApiProperty({ type: [TransactionEntryResponse] }) transactionHistory!: ContactTransactionEntry[];
}

const itemsOut = (items: ContactItems) => ({
  name: { full: items.name.full, kana: items.name.kana ?? null },
  organizationName: items.organizationName,
  address: items.address ? { ...items.address, street: items.address.street ?? null } : null,
  department: items.department,
  title: items.title,
  email: items.email,
  phone: items.phone,
  fax: items.fax,
  transactionHistory: items.transactionHistory,
});

/** The person's consent to joint use, as the privacy office recorded it. */
export class JointUseConsentResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '2022-04-01', description: 'The notice revision the person consented under' }) noticeVersion!: string;
  @ApiProperty({ example: '2026-11-25' }) consentedOn!: string;
  @ApiProperty({ description: 'How the consent was given and where it is kept' }) evidence!: string;
  @ApiProperty({ description: 'Who recorded it' }) recordedBy!: string;
  @ApiProperty() recordedAt!: string;

  static from(consent: JointUseConsentEntity): JointUseConsentResponse {
    return {
      id: consent.id,
      noticeVersion: consent.noticeVersion,
      consentedOn: consent.consentedOn,
      evidence: consent.evidence,
      recordedBy: consent.recordedBy,
      recordedAt: consent.recordedAt.toISOString(),
    };
  }
}

/** Why a person is held out of joint use, with its plain-language explanation; both null unless held for one of the known reasons. */
export function heldReasonOut(jointUse: string, heldReason: HeldReason | null): { heldReason: HeldReason | null; heldExplanation: string | null } {
  const reason = jointUse === 'HELD' ? heldReason : null;
  return { heldReason: reason, heldExplanation: reason ? HELD_EXPLANATIONS[reason] : null };
}

/**
 * A contact as the caller may see it. Sales staff get their own company's view (what it entered and corrected,
 * and the privacy office's corrections) with their own company's acquisitions only; the administrator gets the
 * person's shared state, every acquisition and the joint-use status.
 */
export class ContactResponse extends ContactItemsResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Send it back to PATCH' }) version!: number;
  @ApiProperty({ type: [AcquisitionResponse] }) acquisitions!: AcquisitionResponse[];
  @ApiPropertyOptional({ enum: ['ACTIVE', 'SUSPENDED', 'HELD'], description: 'Administrator only: whether the person’s data may be used jointly (set by their requests)' })
  jointUse?: string;
  @ApiPropertyOptional({ enum: HELD_REASONS, nullable: true, description: 'Administrator only: why the person is held out of joint use, while jointUse is HELD' })
  heldReason?: HeldReason | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Administrator only: the reason in plain words, for the desk to show' })
  heldExplanation?: string | null;
  @ApiPropertyOptional({ type: [JointUseConsentResponse], description: 'Administrator only: the person’s recorded consents to joint use' })
  jointUseConsents?: JointUseConsentResponse[];
  @ApiProperty({ description: 'For sales staff: when their company first acquired the person' }) createdAt!: string;
  @ApiProperty({ description: 'The person’s last change' }) updatedAt!: string;

  static from(view: Extract<ContactView, { kind: 'FULL' }>, viewer: Principal): ContactResponse {
    return {
      id: view.contact.id,
      version: view.contact.version,
      ...itemsOut(view.items),
      acquisitions: view.acquisitions.map((acquisition) => AcquisitionResponse.from(acquisition)),
      ...(viewer.role === 'admin'
        ? {
            jointUse: view.contact.jointUse,
            ...heldReasonOut(view.contact.jointUse, view.contact.heldReason),
            jointUseConsents: (view.consents ?? []).map((consent) => JointUseConsentResponse.from(consent)),
          }
        : {}),
      // Sales staff learn when their own company first acquired the person, not when another company did.
      createdAt: (viewer.role === 'admin' ? view.contact.createdAt : (view.acquisitions[0]?.createdAt ?? view.contact.createdAt)).toISOString(),
      updatedAt: view.contact.updatedAt.toISOString(),
    };
  }
}

/** A person whose use is suspended at their request, as sales staff see them: no item, their own acquisitions' facts only. */
export class SuspendedContactResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['SUSPENDED'] }) status!: 'SUSPENDED';
  @ApiProperty({ type: [AcquisitionFactsResponse] }) acquisitions!: AcquisitionFactsResponse[];

  static from(view: ContactView): SuspendedContactResponse {
    return { id: view.contact.id, status: 'SUSPENDED', acquisitions: view.acquisitions.map((a) => AcquisitionFactsResponse.from(a)) };
  }
}

export function contactViewResponse(view: ContactView, viewer: Principal): ContactResponse | SuspendedContactResponse {
  return view.kind === 'SUSPENDED' ? SuspendedContactResponse.from(view) : ContactResponse.from(view, viewer);
}

/** Either shape of a single contact, for the OpenAPI document. */
export const CONTACT_VIEW_SCHEMA = { oneOf: [{ $ref: getSchemaPath(ContactResponse) }, { $ref: getSchemaPath(SuspendedContactResponse) }] };
export const ContactViewModels = ApiExtraModels(ContactResponse, SuspendedContactResponse);

/**
 * The answer to a registration: the person's id and what this registration itself submitted, never what another
 * registration or correction holds, another company's acquisitions, or the person's joint-use status.
 */
export class RegistrationResponse extends ContactItemsResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Send it back to PATCH' }) version!: number;
  @ApiProperty({ enum: ['CREATED', 'LINKED'], description: 'LINKED: the person was already registered; this acquisition joined that record' })
  registration!: 'CREATED' | 'LINKED';
  @ApiProperty({ type: [AcquisitionResponse], description: 'This registration’s own acquisition, as submitted' }) acquisitions!: AcquisitionResponse[];

  static from(registration: Registration): RegistrationResponse {
    const submitted = registration.acquisition.submittedItems;
    return {
      id: registration.contact.id,
      version: registration.contact.version,
      registration: registration.outcome,
      ...itemsOut({
        name: { full: submitted.name?.full ?? '', kana: submitted.name?.kana ?? null },
        organizationName: submitted.organizationName ?? '',
        address: submitted.address ?? null,
        department: submitted.department ?? null,
        title: submitted.title ?? null,
        email: submitted.email ?? null,
        phone: submitted.phone ?? null,
        fax: submitted.fax ?? null,
        transactionHistory: submitted.transactionHistory ?? [],
      }),
      acquisitions: [AcquisitionResponse.from(registration.acquisition)],
    };
  }
}

export class ContactPageResponse {
  @ApiProperty({ type: [ContactResponse] }) contacts!: ContactResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}
