import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Trimmed } from '../../contacts/dto/normalizing.decorators';

/** A correction of one transaction history entry: its date, its description, or both. */
export class TransactionEntryCorrectionDto {
  @ApiPropertyOptional({ example: '2026-09-30', description: 'The corrected date; occurredOn or description (or both) is needed' })
  @ValidateIf((dto: TransactionEntryCorrectionDto) => dto.occurredOn !== undefined || dto.description === undefined)
  @IsDateString({ strict: true }, { message: 'occurredOn must be a date, YYYY-MM-DD; occurredOn or description is required' })
  occurredOn?: string;
  @ApiPropertyOptional({ example: 'Temporary staffing contract (renewed)', description: 'The corrected description, 1 to 500 characters' })
  @ValidateIf((dto: TransactionEntryCorrectionDto) => dto.description !== undefined)
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description?: string;
}
