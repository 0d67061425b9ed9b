import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PostalAddress, TransactionEntry } from '@registry/contracts';
import type { SharedContactEntity } from '../../projection/shared-contact.entity';

/** A jointly used contact as a group company receives it: the allowed items, and the access id that recorded the read. */
export class SharedContactResponse {
  @ApiProperty() contactId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: { full: string; kana: string | null };
  @ApiProperty() organizationName!: string;
  @ApiPropertyOptional() address!: PostalAddress | null;
  @ApiPropertyOptional() department!: string | null;
  @ApiPropertyOptional() title!: string | null;
  @ApiPropertyOptional() email!: string | null;
  @ApiPropertyOptional() phone!: string | null;
  @ApiPropertyOptional() fax!: string | null;
  @ApiProperty() transactionHistory!: TransactionEntry[];
  @ApiProperty({ description: 'The purpose this read was granted for' }) purpose!: string;
  @ApiProperty({ description: 'The audit record of this read' }) accessId!: string;

  static from(contact: SharedContactEntity, purpose: string, accessId: string): SharedContactResponse {
    return { contactId: contact.contactId, version: contact.version, ...heldItems(contact), purpose, accessId };
  }
}

export class SharedContactPageResponse {
  @ApiProperty({ type: [SharedContactResponse] }) contacts!: SharedContactResponse[];
  @ApiPropertyOptional() nextCursor!: string | null;
  @ApiProperty() purpose!: string;
  @ApiProperty({ description: 'The audit record of this search' }) accessId!: string;
}

export class StatisticsCellResponse {
  @ApiProperty() key!: string;
  @ApiPropertyOptional({ description: 'Null when suppressed (fewer persons than the threshold)' }) count!: number | null;
}

export class StatisticsResponse {
  @ApiProperty() by!: string;
  @ApiProperty({ type: [StatisticsCellResponse] }) cells!: StatisticsCellResponse[];
  @ApiProperty({ description: 'The sum of the published cells only' }) publishedTotal!: number;
  @ApiProperty() suppressedCells!: number;
  @ApiProperty() threshold!: number;
  @ApiProperty() purpose!: string;
  @ApiProperty({ description: 'The audit record of this read' }) accessId!: string;
}

/** The allowed items sharing holds for a contact, an absent one as null. */
export function heldItems(contact: SharedContactEntity) {
  return {
    name: { full: contact.nameFull, kana: contact.nameKana },
    organizationName: contact.organizationName,
    address: contact.address,
    department: contact.department,
    title: contact.title,
    email: contact.email,
    phone: contact.phone,
    fax: contact.fax,
    transactionHistory: contact.transactionHistory,
  };
}
