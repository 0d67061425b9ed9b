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
  @ApiPropertyOptional({ type: String, nullable: true }) department!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) title!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) email!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) fax!: string | null;
  @ApiProperty() transactionHistory!: TransactionEntry[];
  @ApiProperty({ description: 'The purpose this read was granted for' }) purpose!: string;
  @ApiProperty({ description: 'The audit record of this read' }) accessId!: string;

  static from(contact: SharedContactEntity, purpose: string, accessId: string): SharedContactResponse {
    return { contactId: contact.contactId, version: contact.version, ...heldItems(contact), purpose, accessId };
  }
}

export class SharedContactPageResponse {
  @ApiProperty({ type: [SharedContactResponse] }) contacts!: SharedContactResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty() purpose!: string;
  @ApiProperty({ description: 'The audit record of this search' }) accessId!: string;
}

export class StatisticsCellResponse {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'Perturbed count (cell-key method): within ±maxNoise of the true count, and never below the threshold' }) count!: number;
}

/** Counts by the cell-key method: perturbed cells, suppressed cells counted but not named, a perturbed total. */
export class StatisticsResponse {
  @ApiProperty() by!: string;
  @ApiProperty({ type: [StatisticsCellResponse], description: 'Published cells only; a suppressed cell is not listed' }) cells!: StatisticsCellResponse[];
  @ApiProperty({ description: 'How many cells were suppressed (their keys are not given)' }) suppressedCells!: number;
  @ApiProperty({ description: 'Persons counted in the whole table, perturbed like a cell; the same for every dimension' }) total!: number;
  @ApiProperty({ description: 'No published count is below it (STATISTICS_MIN_CELL)' }) threshold!: number;
  @ApiProperty({ description: 'A published count differs from the true one by at most this' }) maxNoise!: number;
  @ApiProperty({ enum: ['CELL_KEY_PERTURBATION'] }) method!: 'CELL_KEY_PERTURBATION';
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
