import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsObject, IsString, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { JapanesePhone, NormalizedEmail, Trimmed } from './normalizing.decorators';
import { PersonNameDto, PostalAddressDto } from './register-contact.dto';

/** Present and not null: the field is being changed to a value. Null: an optional item is being deleted. */
const Changed = (property: string) => ValidateIf((dto: Record<string, unknown>) => dto[property] !== undefined && dto[property] !== null);

/**
 * Correction, addition or deletion of a contact's items. `version` is the version the caller read;
 * a field left out is unchanged, and an optional item set to null is deleted.
 */
export class CorrectContactDto {
  @ApiProperty({ description: 'The version you read; a newer one on the server gives 409.' }) @IsInt() @Min(1) version!: number;

  // Required items may be corrected but not deleted: null is refused.
  @ApiPropertyOptional({ type: PersonNameDto })
  @ValidateIf((dto: CorrectContactDto) => dto.name !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => PersonNameDto)
  name?: PersonNameDto;
  @ApiPropertyOptional()
  @ValidateIf((dto: CorrectContactDto) => dto.organizationName !== undefined)
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organizationName?: string;
  @ApiPropertyOptional({ type: PostalAddressDto, nullable: true })
  @Changed('address')
  @IsObject()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  address?: PostalAddressDto | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Changed('department') @Trimmed() @IsString() @MaxLength(100) department?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Changed('title') @Trimmed() @IsString() @MaxLength(100) title?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @Changed('email')
  @NormalizedEmail()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Changed('phone') @JapanesePhone() phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Changed('fax') @JapanesePhone() fax?: string | null;
}
