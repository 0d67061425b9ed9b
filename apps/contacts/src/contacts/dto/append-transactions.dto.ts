import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { TransactionEntryDto } from './register-contact.dto';

export class AppendTransactionsDto {
  @ApiProperty({ type: [TransactionEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TransactionEntryDto)
  entries!: TransactionEntryDto[];
}
