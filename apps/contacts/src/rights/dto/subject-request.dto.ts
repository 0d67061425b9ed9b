import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { JOINT_USE_STATUSES, type JointUseStatus } from '@registry/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { CorrectContactDto } from '../../contacts/dto/correct-contact.dto';
import { SUBJECT_REQUEST_TYPES, type SubjectRequestType } from '../request-types';

/** How the person identified themselves: an e-mail, a phone, or a name (kanji or kana) with an organization. */
export class PersonIdentificationDto {
  @ApiPropertyOptional({ example: 'taro.yamada@example.co.jp' }) @IsOptional() @IsString() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: '03-1234-5678' }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional({ example: 'ヤマダ タロウ', description: 'kanji or kana reading; needs organization' })
  @ValidateIf((person: PersonIdentificationDto) => person.organization !== undefined || (!person.email && !person.phone))
  @IsString({ message: 'name with organization, an email or a phone is needed to find the person' })
  @MinLength(1)
  @MaxLength(100)
  name?: string;
  @ApiPropertyOptional({ example: 'Example Trading KK' })
  @ValidateIf((person: PersonIdentificationDto) => person.name !== undefined)
  @IsString({ message: 'organization is needed with name' })
  @MinLength(1)
  @MaxLength(200)
  organization?: string;
}

export class OpenSubjectRequestDto {
  @ApiProperty({ enum: SUBJECT_REQUEST_TYPES }) @IsIn(SUBJECT_REQUEST_TYPES) type!: SubjectRequestType;
  @ApiProperty({ type: PersonIdentificationDto }) @IsObject() @ValidateNested() @Type(() => PersonIdentificationDto) person!: PersonIdentificationDto;
}

export class ConfirmPersonsDto {
  @ApiProperty({ description: 'The matched contacts the request is about' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  contactIds!: string[];
}

/** A correction without the version: the request applies it to each confirmed person's current version. */
export class CorrectionChanges extends OmitType(CorrectContactDto, ['version'] as const) {}

export class CorrectionDto {
  @ApiProperty({ type: () => CorrectionChanges, description: 'The corrected items, as for PATCH /contacts/{id}, without a version' })
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectionChanges)
  changes!: CorrectionChanges;
}

export class ErasureDto {
  @ApiPropertyOptional({ default: false, description: 'Keep keyed hashes of the e-mail and phone so that a later registration is held out of joint use' })
  @IsOptional()
  @IsBoolean()
  doNotContactAgain = false;
}

export class CloseRequestDto {
  @ApiProperty({ description: 'How the request was answered', example: 'Disclosure sent by registered mail on 2026-11-25' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  outcome!: string;
}

export class ListRequestsQuery {
  @ApiPropertyOptional({ enum: ['OPEN', 'CLOSED'] }) @IsOptional() @IsIn(['OPEN', 'CLOSED']) status?: 'OPEN' | 'CLOSED';
}

export class DisclosureQuery {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json' }) @IsOptional() @IsIn(['json', 'html']) format?: 'json' | 'html';
}

export class DeskAlertsQuery {
  @ApiPropertyOptional({ enum: ['OPEN', 'ACKNOWLEDGED'] }) @IsOptional() @IsIn(['OPEN', 'ACKNOWLEDGED']) status?: 'OPEN' | 'ACKNOWLEDGED';
}

export class AcknowledgeDto {
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class JointUseDto {
  @ApiProperty({
    enum: JOINT_USE_STATUSES,
    description: 'ACTIVE releases a person held out of joint use; a person never told of joint use stays HELD (JOINT_USE_NOT_NOTIFIED) until their consent is recorded',
  }) @IsIn(JOINT_USE_STATUSES) status!: JointUseStatus;
}
