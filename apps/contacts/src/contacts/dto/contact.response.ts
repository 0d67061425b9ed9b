import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Principal } from '@registry/auth';
import type { AcquisitionEntity } from '../acquisition.entity';
import type { ContactEntity } from '../contact.entity';

export class AcquisitionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() method!: string;
  @ApiProperty() acquiredOn!: string;
  @ApiProperty() companyCode!: string;
  @ApiPropertyOptional({ description: 'Intake-only; shown to the acquiring company and the administrator' }) acquiredBy?: string;
  @ApiPropertyOptional({ description: 'Intake-only' }) purposeNotice?: string | null;
  @ApiPropertyOptional({ description: 'Intake-only' }) memo?: string | null;
  @ApiPropertyOptional({ description: 'Intake-only' }) cardImageRef?: string | null;
  @ApiProperty() recordedAt!: string;

  static from(acquisition: AcquisitionEntity, viewer: Principal): AcquisitionResponse {
    const facts = {
      id: acquisition.id,
      method: acquisition.method,
      acquiredOn: acquisition.acquiredOn,
      companyCode: acquisition.companyCode,
      recordedAt: acquisition.createdAt.toISOString(),
    };
    if (viewer.role !== 'admin' && viewer.companyCode !== acquisition.companyCode) return facts;
    return {
      ...facts,
      acquiredBy: acquisition.acquiredBy,
      purposeNotice: acquisition.purposeNotice,
      memo: acquisition.memo,
      cardImageRef: acquisition.cardImageRef,
    };
  }
}

/** A contact as sales staff and the administrator see it; another company's intake-only notes are left out. */
export class ContactResponse {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: { full: string; kana: string | null };
  @ApiProperty() organizationName!: string;
  @ApiPropertyOptional() address!: { postalCode: string; prefecture: string; city: string; street: string | null } | null;
  @ApiPropertyOptional() department!: string | null;
  @ApiPropertyOptional() title!: string | null;
  @ApiPropertyOptional() email!: string | null;
  @ApiPropertyOptional() phone!: string | null;
  @ApiPropertyOptional() fax!: string | null;
  @ApiProperty() transactionHistory!: { occurredOn: string; description: string; companyCode: string }[];
  @ApiProperty({ type: [AcquisitionResponse] }) acquisitions!: AcquisitionResponse[];
  @ApiProperty({ enum: ['ACTIVE', 'SUSPENDED', 'HELD'], description: 'Whether the person’s data may be used jointly (set by their requests)' }) jointUse!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static from(contact: ContactEntity, acquisitions: AcquisitionEntity[], viewer: Principal): ContactResponse {
    return {
      id: contact.id,
      version: contact.version,
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
      acquisitions: acquisitions.map((acquisition) => AcquisitionResponse.from(acquisition, viewer)),
      jointUse: contact.jointUse,
      createdAt: contact.createdAt.toISOString(),
      updatedAt: contact.updatedAt.toISOString(),
    };
  }
}

export class RegistrationResponse extends ContactResponse {
  @ApiProperty({ enum: ['CREATED', 'LINKED'], description: 'LINKED: the person was already registered; this acquisition joined that record' })
  registration!: 'CREATED' | 'LINKED';
}

export class ContactPageResponse {
  @ApiProperty({ type: [ContactResponse] }) contacts!: ContactResponse[];
  @ApiPropertyOptional() nextCursor!: string | null;
}
