import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HELD_REASONS, JOINT_USE_STATUSES, type HeldReason, type JointUseStatus } from '@registry/contracts';
import { IsDateString, IsString, MaxLength, MinLength } from 'class-validator';
import { Trimmed } from './normalizing.decorators';
import { JointUseConsentResponse } from './contact.response';

/** The person's consent to joint use, as the privacy office received it. */
export class RecordJointUseConsentDto {
  @ApiProperty({ example: '2026-11-25', description: 'The day the person gave their consent; it is recorded under the notice revision in force that day' })
  @IsDateString({ strict: true }, { message: 'consentedOn is required: the day the person consented, YYYY-MM-DD' })
  consentedOn!: string;
  @ApiProperty({ example: 'Signed consent form received by post, filed as PO-2026-118', description: 'How the consent was given and where it is kept' })
  @Trimmed()
  @IsString({ message: 'evidence is required: how the consent was given and where it is kept' })
  @MinLength(1)
  @MaxLength(1000)
  evidence!: string;
}

export class JointUseConsentResultResponse {
  @ApiProperty() contactId!: string;
  @ApiProperty({ enum: JOINT_USE_STATUSES }) jointUse!: JointUseStatus;
  @ApiPropertyOptional({ enum: HELD_REASONS, nullable: true, description: 'Why the person is still held out of joint use, if they are' }) heldReason!: HeldReason | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The reason in plain words' }) heldExplanation!: string | null;
  @ApiProperty({ description: 'The contact’s new version' }) version!: number;
  @ApiProperty({ type: JointUseConsentResponse }) consent!: JointUseConsentResponse;
}
