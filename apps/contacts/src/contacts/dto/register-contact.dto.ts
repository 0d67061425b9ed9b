import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACQUISITION_METHODS, COMPANY_CODE_PATTERN, MAX_TRANSACTION_ENTRIES, type AcquisitionMethod } from '@registry/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { noticeRequiredFor } from '../joint-use-coverage';
import { normalizeText } from '../normalize';
import { PREFECTURES } from '../prefectures';
import { JapanesePhone, NormalizedEmail, Trimmed } from './normalizing.decorators';


export class PersonNameDto {
  @ApiProperty({ example: '山田 太郎' }) @Trimmed() @IsString() @MinLength(1) @MaxLength(100) full!: string;
  @ApiPropertyOptional({ example: 'ヤマダ タロウ' }) @IsOptional() @Trimmed() @IsString() @MaxLength(100) kana?: string;
}

export class PostalAddressDto {
  @ApiProperty({ example: '107-0062' })
  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFKC').trim().replace(/^(\d{3})(\d{4})$/, '$1-$2') : value))
  @Matches(/^\d{3}-\d{4}$/, { message: 'postalCode must be NNN-NNNN' })
  postalCode!: string;
  @ApiProperty({ example: '東京都', enum: PREFECTURES })
  @Trimmed()
  @IsIn(PREFECTURES, { message: 'prefecture must be one of the 47 prefectures, written in full (e.g. 東京都, 大阪府, 北海道)' })
  prefecture!: string;
  @ApiProperty({ example: '港区' }) @Trimmed() @IsString() @MinLength(1) @MaxLength(100) city!: string;
  @ApiPropertyOptional({ example: '南青山3-1-30' }) @IsOptional() @Trimmed() @IsString() @MaxLength(200) street?: string;
}

export class TransactionEntryDto {
  @ApiProperty({ example: '2026-10-01' }) @IsDateString({ strict: true }) occurredOn!: string;
  @ApiProperty({ example: 'Temporary staffing contract' }) @Trimmed() @IsString() @MinLength(1) @MaxLength(500) description!: string;
  @ApiProperty({ example: 'PSN-JP' }) @Matches(COMPANY_CODE_PATTERN) companyCode!: string;
}

const NOTICE_RULE =
  'noticeOfPurpose (the notice of purpose shown to the person: purposesShown and jointUseNotified) is required for web inquiries, event applications and transaction applications';

/** The notice of purpose shown to the person at collection (APPI Art. 21). */
export class NoticeOfPurposeDto {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 20,
    example: ['To answer your inquiry', 'To provide information on products and services of the Company and Pasona Group companies'],
    description: 'The purposes of use stated to the person, as they were worded to them: 1 to 20, each 1 to 500 characters.',
  })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((purpose) => (typeof purpose === 'string' ? normalizeText(purpose) : purpose)) : value))
  @ArrayMinSize(1, { message: 'purposesShown must state at least one purpose' })
  @ArrayMaxSize(20, { message: 'purposesShown holds at most 20 purposes' })
  @IsString({ each: true, message: 'each of purposesShown must be text' })
  @MinLength(1, { each: true, message: 'each of purposesShown must be 1 to 500 characters' })
  @MaxLength(500, { each: true, message: 'each of purposesShown must be 1 to 500 characters' })
  // Checked first (decorators apply from the property up): anything but a list is refused as such.
  @IsArray({ message: 'purposesShown is required: a list of the purposes stated to the person' })
  purposesShown!: string[];

  @ApiProperty({ description: 'Whether the person was told that their data is used jointly by the group companies. A person never told is held out of joint use.' })
  @IsBoolean({ message: 'jointUseNotified is required: true or false, whether the person was told of joint use' })
  jointUseNotified!: boolean;

  @ApiPropertyOptional({ maxLength: 2000, description: 'The wording of the notice shown, or a reference to it (e.g. the form and its revision)', example: 'Inquiry form notice, rev. 2026-04' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  wording?: string;
}

export class AcquisitionDto {
  @ApiProperty({ enum: ACQUISITION_METHODS }) @IsIn(ACQUISITION_METHODS) method!: AcquisitionMethod;
  @ApiProperty({ example: '2026-11-20' }) @IsDateString({ strict: true }) acquiredOn!: string;
  @ApiPropertyOptional({
    type: NoticeOfPurposeDto,
    description:
      'The notice of purpose shown at collection. Required for WEB_INQUIRY, EVENT_APPLICATION and TRANSACTION_APPLICATION; optional for BUSINESS_CARD and BUSINESS_DISCUSSION, where the published joint-use notice counts as telling the person of joint use.',
  })
  @ValidateIf((acquisition: AcquisitionDto) => noticeRequiredFor(acquisition.method) || acquisition.noticeOfPurpose !== undefined)
  @IsDefined({ message: NOTICE_RULE })
  @IsObject({ message: NOTICE_RULE })
  @ValidateNested()
  @Type(() => NoticeOfPurposeDto)
  noticeOfPurpose?: NoticeOfPurposeDto;
}

export class RegisterContactDto {
  @ApiProperty({ type: PersonNameDto }) @IsObject() @ValidateNested() @Type(() => PersonNameDto) name!: PersonNameDto;
  @ApiProperty({ example: 'Example Trading KK' }) @Trimmed() @IsString() @MinLength(1) @MaxLength(200) organizationName!: string;
  @ApiPropertyOptional({ type: PostalAddressDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => PostalAddressDto) address?: PostalAddressDto;
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @MaxLength(100) department?: string;
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @MaxLength(100) title?: string;
  @ApiPropertyOptional({ example: 'taro.yamada@example.co.jp' })
  @IsOptional()
  @NormalizedEmail()
  @IsEmail()
  @MaxLength(254)
  email?: string;
  @ApiPropertyOptional({ example: '03-1234-5678' }) @IsOptional() @JapanesePhone() phone?: string;
  @ApiPropertyOptional({ example: '03-1234-5679' }) @IsOptional() @JapanesePhone() fax?: string;

  @ApiPropertyOptional({ type: [TransactionEntryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TRANSACTION_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => TransactionEntryDto)
  transactionHistory?: TransactionEntryDto[];

  @ApiProperty({ type: AcquisitionDto }) @IsObject() @ValidateNested() @Type(() => AcquisitionDto) acquisition!: AcquisitionDto;

  @ApiPropertyOptional({ description: 'Intake-only note; never shared.' }) @IsOptional() @IsString() @MaxLength(2000) memo?: string;
  @ApiPropertyOptional({ description: 'Reference to the scanned business card; never shared.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cardImageRef?: string;
}
