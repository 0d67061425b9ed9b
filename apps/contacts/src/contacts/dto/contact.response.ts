import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { Principal } from '@registry/auth';
import type { AcquisitionEntity } from '../acquisition.entity';
import type { ContactItems, StatedItems } from '../contact-items';
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

/** An acquisition as its own company and the administrator see it: intake-only notes and the items as submitted. */
export class AcquisitionResponse extends AcquisitionFactsResponse {
  @ApiProperty({ description: 'Intake-only: the staff member who registered it' }) acquiredBy!: string;
  @ApiPropertyOptional({ description: 'Intake-only', nullable: true, type: String }) purposeNotice!: string | null;
  @ApiPropertyOptional({ description: 'Intake-only', nullable: true, type: String }) memo!: string | null;
  @ApiPropertyOptional({ description: 'Intake-only', nullable: true, type: String }) cardImageRef!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The items exactly as this acquisition submitted them; never changed afterwards' })
  submittedItems!: StatedItems;

  static override from(acquisition: AcquisitionEntity): AcquisitionResponse {
    return {
      ...AcquisitionFactsResponse.from(acquisition),
      acquiredBy: acquisition.acquiredBy,
      purposeNotice: acquisition.purposeNotice,
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
  @ApiProperty({ type: [TransactionEntryResponse] }) transactionHistory!: { occurredOn: string; description: string; companyCode: string }[];
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
  @ApiProperty({ description: 'For sales staff: when their company first acquired the person' }) createdAt!: string;
  @ApiProperty({ description: 'The person’s last change' }) updatedAt!: string;

  static from(view: Extract<ContactView, { kind: 'FULL' }>, viewer: Principal): ContactResponse {
    return {
      id: view.contact.id,
      version: view.contact.version,
      ...itemsOut(view.items),
      acquisitions: view.acquisitions.map((acquisition) => AcquisitionResponse.from(acquisition)),
      ...(viewer.role === 'admin' ? { jointUse: view.contact.jointUse } : {}),
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
