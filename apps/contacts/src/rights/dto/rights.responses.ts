import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOINT_USE_STATUSES } from '@registry/contracts';
import { SUBJECT_REQUEST_TYPES } from '../request-types';
import { RecordOfProvisionDisclosureResponse } from './record-of-provision-disclosure.response';

/** The body of every refusal: a code to act on, a message a person can read, and per-field details where there are any. */
export class ErrorResponse {
  @ApiProperty({ example: 403 }) statusCode!: number;
  @ApiProperty({ example: 'FORBIDDEN' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'For validation: one entry per field, naming the rule' }) details?: unknown;
}

class PersonIdentificationResponse {
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() organization?: string;
}

export class MatchedPersonResponse {
  @ApiProperty() contactId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) nameKana!: string | null;
  @ApiProperty() organizationName!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) email!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ enum: ['email', 'phone', 'name'], isArray: true, description: 'Which of the identifiers given matched this person' }) matchedOn!: string[];
}

export class TimelineEntryResponse {
  @ApiProperty() at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ example: 'CONFIRMED' }) step!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail!: Record<string, unknown>;
}

export class SubjectRequestSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SUBJECT_REQUEST_TYPES }) type!: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: string;
  @ApiProperty({ type: PersonIdentificationResponse }) person!: PersonIdentificationResponse;
  @ApiProperty({ type: [String] }) confirmedContactIds!: string[];
  @ApiProperty() openedAt!: string;
  @ApiProperty() openedBy!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome!: string | null;
  @ApiProperty() ageDays!: number;
  @ApiProperty() overdue!: boolean;
}

export class SubjectRequestResponse extends SubjectRequestSummaryResponse {
  @ApiProperty({ type: [MatchedPersonResponse], description: 'While the request is open: the persons it matches' }) matches!: MatchedPersonResponse[];
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntryResponse[];
}

export class PersonDisclosureResponse {
  @ApiProperty() contactId!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'Every item contacts holds, the intake-only ones included' })
  contact!: Record<string, unknown> | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Each acquisition, with the items as submitted' })
  acquisitions!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Each correction, as stated' })
  corrections!: Record<string, unknown>[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'What sharing holds' }) sharing!: unknown;
  @ApiPropertyOptional({ type: RecordOfProvisionDisclosureResponse, nullable: true, description: 'The record of provision, from audit, up to DISCLOSURE_RECORD_LIMIT entries; says so when cut' })
  recordOfProvision!: RecordOfProvisionDisclosureResponse | null;
}

export class DisclosureBundleResponse {
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: SUBJECT_REQUEST_TYPES }) requestType!: string;
  @ApiProperty() preparedAt!: string;
  @ApiProperty() preparedBy!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The joint-use notice in force' }) notice!: unknown;
  @ApiProperty({ type: [PersonDisclosureResponse] }) persons!: PersonDisclosureResponse[];
}

export class JointUseResponse {
  @ApiProperty() contactId!: string;
  @ApiProperty({ enum: JOINT_USE_STATUSES }) jointUse!: string;
  @ApiProperty() version!: number;
}

export class DeskAlertResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['REQUEST_OVERDUE', 'SUPPRESSED_PERSON_RETURNED'] }) kind!: string;
  @ApiProperty({ description: 'The request (REQUEST_OVERDUE) or the contact held out of joint use (SUPPRESSED_PERSON_RETURNED)' }) subjectId!: string;
  @ApiProperty() detail!: string;
  @ApiProperty() raisedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
}
