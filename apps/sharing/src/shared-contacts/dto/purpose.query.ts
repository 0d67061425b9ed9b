import { ApiPropertyOptional } from '@nestjs/swagger';
import { JOINT_USE_PURPOSES } from '@registry/contracts';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The declared purpose. Any printable value is accepted here so that the refusal is decided, and recorded, by the policy. */
export class PurposeQuery {
  @ApiPropertyOptional({ enum: JOINT_USE_PURPOSES, description: 'The purpose of joint use this read serves; required.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[\x20-\x7e]*$/, { message: 'purpose must be printable ASCII' })
  purpose?: string;
}
