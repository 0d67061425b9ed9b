import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { JOINT_USE_STATUSES, type JointUseStatus } from '@registry/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { CorrectContactDto } from '../../contacts/dto/correct-contact.dto';
import { IDENTITY_DOCUMENTS, REPRESENTATIVE_AUTHORITIES, type IdentityDocument, type RepresentativeAuthority } from '../identity-check';
import { REFUSAL_EXTENTS, REFUSAL_GROUNDS, REQUEST_RESULTS, type RefusalExtent, type RefusalGround, type RequestResult } from '../refusal-grounds';
import { DELIVERY_METHODS, DELIVERY_METHOD_REQUIRED_FOR, isComplaint, requiresDeliveryMethod, SUBJECT_REQUEST_TYPES, type DeliveryMethod, type SubjectRequestType } from '../request-types';
import { IsJapanDateNotInFuture } from './japan-date.validator';

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

  @ApiPropertyOptional({ type: PersonIdentificationDto, description: 'Who the request is about; required except for a COMPLAINT or CONSULTATION, which may come from anyone' })
  @ValidateIf((dto: OpenSubjectRequestDto) => !isComplaint(dto.type) || dto.person !== undefined)
  @IsObject({ message: 'person is required for a request about personal data (an email, a phone, or a name with organization)' })
  @ValidateNested()
  @Type(() => PersonIdentificationDto)
  person?: PersonIdentificationDto;

  @ApiPropertyOptional({ example: '2026-11-25', description: 'The day the request reached the company (Japan date, YYYY-MM-DD); today when left out. The deadline counts from it.' })
  @IsOptional()
  @IsJapanDateNotInFuture()
  receivedOn?: string;

  @ApiPropertyOptional({ enum: DELIVERY_METHODS, description: `How the person asked to receive the answer (APPI art. 33(1)); required for ${DELIVERY_METHOD_REQUIRED_FOR.join(' and ')}` })
  @ValidateIf((dto: OpenSubjectRequestDto) => requiresDeliveryMethod(dto.type) || dto.deliveryMethod !== undefined)
  @IsIn(DELIVERY_METHODS, { message: `deliveryMethod must be ELECTRONIC or PAPER; it is required for ${DELIVERY_METHOD_REQUIRED_FOR.join(' and ')} requests` })
  deliveryMethod?: DeliveryMethod;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What the request is about in a few words; required for a COMPLAINT or CONSULTATION' })
  @ValidateIf((dto: OpenSubjectRequestDto) => isComplaint(dto.type) || dto.summary !== undefined)
  @IsString({ message: 'summary is required for a COMPLAINT or CONSULTATION: say what it is about' })
  @MinLength(1)
  @MaxLength(2000)
  summary?: string;
}

export class RepresentativeDto {
  @ApiProperty({ maxLength: 100, example: '山田 花子' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ enum: REPRESENTATIVE_AUTHORITIES }) @IsIn(REPRESENTATIVE_AUTHORITIES) authority!: RepresentativeAuthority;
  @ApiProperty({ maxLength: 200, example: 'Power of attorney dated 2026-11-20, with seal certificate' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  authorityDocument!: string;
}

/** How the requester's identity was verified. Who checked it is the caller; no document number is taken (never a My Number). */
export class IdentityCheckDto {
  @ApiProperty({ enum: IDENTITY_DOCUMENTS, description: 'MY_NUMBER_CARD: the card as an identity document; its number is never recorded' })
  @IsIn(IDENTITY_DOCUMENTS)
  document!: IdentityDocument;

  @ApiPropertyOptional({ maxLength: 200, description: 'What the document was; required when document is OTHER' })
  @ValidateIf((dto: IdentityCheckDto) => dto.document === 'OTHER' || dto.documentDescription !== undefined)
  @IsString({ message: 'documentDescription is required when document is OTHER: say what the document was' })
  @MinLength(1)
  @MaxLength(200)
  documentDescription?: string;

  @ApiPropertyOptional({ example: '2026-11-26', description: 'The Japan date the document was checked; today when left out; not before the request was received' })
  @IsOptional()
  @IsJapanDateNotInFuture()
  checkedOn?: string;

  @ApiProperty({ description: 'Whether a representative made the request for the person' }) @IsBoolean() representativeActed!: boolean;

  @ApiPropertyOptional({ type: RepresentativeDto, description: 'Required when representativeActed is true, and only then' })
  @ValidateIf((dto: IdentityCheckDto) => dto.representativeActed === true || dto.representative !== undefined)
  @IsObject({ message: 'representative is required when representativeActed is true: name, authority and authorityDocument' })
  @ValidateNested()
  @Type(() => RepresentativeDto)
  representative?: RepresentativeDto;
}

export class ConfirmPersonsDto {
  @ApiProperty({ description: 'The matched contacts the request is about' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  contactIds!: string[];

  @ApiProperty({ type: IdentityCheckDto, description: 'How the identity of the person (or their representative) was verified' })
  @IsObject({ message: 'identityCheck is required: document, representativeActed and, for a representative, who and by what authority' })
  @ValidateNested()
  @Type(() => IdentityCheckDto)
  identityCheck!: IdentityCheckDto;
}

/** A refusal in whole or in part, on one of the law's grounds, with the reasons the person is told. */
export class RefusalDto {
  @ApiProperty({ enum: REFUSAL_EXTENTS, description: 'WHOLE, or PART with refusedPart saying what was refused' }) @IsIn(REFUSAL_EXTENTS) extent!: RefusalExtent;
  @ApiProperty({ enum: REFUSAL_GROUNDS, description: 'The ground; which ones a request may be refused on depends on its type' }) @IsIn(REFUSAL_GROUNDS) ground!: RefusalGround;
  @ApiProperty({ maxLength: 2000, description: 'The reasons, as the person is told them' }) @IsString() @MinLength(1) @MaxLength(2000) explanation!: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'What was refused; required when extent is PART' })
  @ValidateIf((dto: RefusalDto) => dto.extent === 'PART' || dto.refusedPart !== undefined)
  @IsString({ message: 'refusedPart is required for a partial refusal: say what was refused' })
  @MinLength(1)
  @MaxLength(1000)
  refusedPart?: string;
}

export class DeliveryMethodDto {
  @ApiProperty({ enum: DELIVERY_METHODS }) @IsIn(DELIVERY_METHODS) deliveryMethod!: DeliveryMethod;
}

export class ComplaintResponseDto {
  @ApiProperty({ maxLength: 2000, description: 'What the person was told, in short', example: 'Explained by phone how business cards are used; apologised for the late reply' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  summary!: string;
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
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Keep keyed hashes of the e-mail and phone so that a later registration is held out of joint use' })
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

  @ApiPropertyOptional({ enum: REQUEST_RESULTS, description: 'ANSWERED, REFUSED or PARTIALLY_REFUSED; by default what the recorded refusal says (ANSWERED without one)' })
  @IsOptional()
  @IsIn(REQUEST_RESULTS)
  result?: RequestResult;

  @ApiPropertyOptional({ type: RefusalDto, description: 'The refusal, when not recorded before with POST …/refusal' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RefusalDto)
  refusal?: RefusalDto;
}

export class DismissRetentionProposalDto {
  @ApiProperty({ maxLength: 1000, description: 'Why the person is kept; the proposal is postponed', example: 'Ongoing negotiation with the customer' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class RetentionProposalsQuery {
  @ApiPropertyOptional({ enum: ['PROPOSED', 'CONFIRMED', 'DISMISSED', 'WITHDRAWN'], default: 'PROPOSED' })
  @IsOptional()
  @IsIn(['PROPOSED', 'CONFIRMED', 'DISMISSED', 'WITHDRAWN'])
  status?: 'PROPOSED' | 'CONFIRMED' | 'DISMISSED' | 'WITHDRAWN';
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
