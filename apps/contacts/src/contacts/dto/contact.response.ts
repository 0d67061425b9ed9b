import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ContactEntity } from '../contact.entity';

/** A contact as its own company's sales staff and the administrator see it, intake-only fields included. */
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
  @ApiProperty() acquisition!: { method: string; acquiredOn: string; companyCode: string; acquiredBy: string };
  @ApiPropertyOptional() memo!: string | null;
  @ApiPropertyOptional() cardImageRef!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static from(contact: ContactEntity): ContactResponse {
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
      acquisition: {
        method: contact.acquisitionMethod,
        acquiredOn: contact.acquiredOn,
        companyCode: contact.acquiringCompanyCode,
        acquiredBy: contact.acquiredBy,
      },
      memo: contact.memo,
      cardImageRef: contact.cardImageRef,
      createdAt: contact.createdAt.toISOString(),
      updatedAt: contact.updatedAt.toISOString(),
    };
  }
}
