import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACQUISITION_METHODS, COMPANY_CODE_PATTERN, MAX_TRANSACTION_ENTRIES, type AcquisitionMethod } from '@registry/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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

const NOTICE_SHOWN: AcquisitionMethod[] = ['WEB_INQUIRY', 'EVENT_APPLICATION'];
const PURPOSE_NOTICE_RULE = 'purposeNotice (the notice of purpose the person saw) is required for web inquiries and event applications';

export class AcquisitionDto {
  @ApiProperty({ enum: ACQUISITION_METHODS }) @IsIn(ACQUISITION_METHODS) method!: AcquisitionMethod;
  @ApiProperty({ example: '2026-11-20' }) @IsDateString({ strict: true }) acquiredOn!: string;
  @ApiPropertyOptional({ description: 'The notice of purpose the person saw; required for WEB_INQUIRY and EVENT_APPLICATION.' })
  @ValidateIf((acquisition: AcquisitionDto) => NOTICE_SHOWN.includes(acquisition.method) || acquisition.purposeNotice !== undefined)
  @IsDefined({ message: PURPOSE_NOTICE_RULE })
  @IsString({ message: PURPOSE_NOTICE_RULE })
  @MinLength(1)
  @MaxLength(4000)
  purposeNotice?: string;
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
