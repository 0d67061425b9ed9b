import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HELD_REASONS, JOINT_USE_STATUSES } from '@registry/contracts';
import { IDENTITY_DOCUMENTS, REPRESENTATIVE_AUTHORITIES } from '../identity-check';
import { REFUSAL_EXTENTS, REFUSAL_GROUNDS, REQUEST_RESULTS } from '../refusal-grounds';
import { DELIVERY_METHODS, SUBJECT_REQUEST_TYPES } from '../request-types';
import { RecordOfProvisionDisclosureResponse } from './record-of-provision-disclosure.response';

/** The body of every refusal: a code to act on, a message a person can read, and per-field details where there are any. */
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

class RepresentativeResponse {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: REPRESENTATIVE_AUTHORITIES }) authority!: string;
  @ApiProperty() authorityDocument!: string;
}

export class IdentityCheckResponse {
  @ApiProperty({ enum: IDENTITY_DOCUMENTS }) document!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) documentDescription!: string | null;
  @ApiProperty({ example: '2026-11-26' }) checkedOn!: string;
  @ApiProperty({ description: 'The privacy-office user who confirmed the request' }) checkedBy!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() representativeActed!: boolean;
  @ApiPropertyOptional({ nullable: true, type: RepresentativeResponse }) representative!: RepresentativeResponse | null;
}

export class RefusalResponse {
  @ApiProperty({ enum: REFUSAL_EXTENTS }) extent!: string;
  @ApiProperty({ enum: REFUSAL_GROUNDS }) ground!: string;
  @ApiProperty() explanation!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What was refused, for a refusal in part' }) refusedPart!: string | null;
  @ApiProperty() refusedAt!: string;
  @ApiProperty() refusedBy!: string;
}

export class SubjectRequestSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SUBJECT_REQUEST_TYPES }) type!: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: string;
  @ApiProperty({ type: PersonIdentificationResponse, description: 'Empty for a complaint or consultation opened without one' }) person!: PersonIdentificationResponse;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What a complaint or consultation is about' }) summary!: string | null;
  @ApiProperty({ type: [String] }) confirmedContactIds!: string[];
  @ApiPropertyOptional({ nullable: true, type: IdentityCheckResponse }) identityCheck!: IdentityCheckResponse | null;
  @ApiPropertyOptional({ nullable: true, enum: DELIVERY_METHODS }) deliveryMethod!: string | null;
  @ApiPropertyOptional({ nullable: true, type: RefusalResponse }) refusal!: RefusalResponse | null;
  @ApiProperty({ example: '2026-11-25', description: 'The Japan date the request was received' }) receivedOn!: string;
  @ApiProperty({ example: '2026-12-09', description: 'The last day to answer: receivedOn plus REQUEST_OVERDUE_DAYS' }) deadline!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty() openedBy!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: REQUEST_RESULTS }) result!: string | null;
  @ApiProperty({ description: 'Days since receivedOn, to today or to the day it was closed' }) ageDays!: number;
  @ApiProperty({ description: 'Open, and past its deadline' }) overdue!: boolean;
}

export class SubjectRequestResponse extends SubjectRequestSummaryResponse {
  @ApiProperty({ type: [MatchedPersonResponse], description: 'While the request is open: the persons it matches' }) matches!: MatchedPersonResponse[];
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntryResponse[];
}

class DisclosedCardImageResponse {
  @ApiProperty() acquisitionId!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty({ enum: ['image/jpeg', 'image/png', 'application/pdf'] }) mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'Hex SHA-256 of the file' }) sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedAt!: string;
  @ApiProperty({ format: 'byte', description: 'The file itself, base64' }) contentBase64!: string;
}

export class PersonDisclosureResponse {
  @ApiProperty() contactId!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'Every item contacts holds, the intake-only ones included' })
  contact!: Record<string, unknown> | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'Each acquisition: companyCode, acquiredOn, method, noticeVersion, purposesShown, jointUseNotified, noticeWording and acquiringCompanyPurposes (policy section 2); for a disclosure also acquiredBy, memo, cardImageRef, submittedItems and recordedAt',
  })
  acquisitions!: Record<string, unknown>[];
  @ApiProperty({ type: [DisclosedCardImageResponse], description: 'Each acquisition’s card image (intake-only), with the file; empty for a notification of purpose or a record of provision' })
  cardImages!: DisclosedCardImageResponse[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'The person’s consents to joint use: noticeVersion, consentedOn, evidence, recordedBy, recordedAt' })
  jointUseConsents!: Record<string, unknown>[];
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
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'The group’s purposes of use, policy section 2 items (i)–(ix): policyItem, wording, jointUse' })
  purposesOfUse!: unknown[];
  @ApiProperty({ type: [PersonDisclosureResponse] }) persons!: PersonDisclosureResponse[];
  @ApiPropertyOptional({ nullable: true, enum: DELIVERY_METHODS, description: 'How the person asked to receive it' }) deliveryMethod!: string | null;
  @ApiPropertyOptional({ nullable: true, type: RefusalResponse, description: 'In whole: persons is empty' }) refusal!: RefusalResponse | null;
}

export class JointUseResponse {
  @ApiProperty() contactId!: string;
  @ApiProperty({ enum: JOINT_USE_STATUSES }) jointUse!: string;
  @ApiPropertyOptional({ enum: HELD_REASONS, nullable: true, description: 'Why the person is held out of joint use, while jointUse is HELD' }) heldReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The reason in plain words, for the desk to show' }) heldExplanation!: string | null;
  @ApiProperty() version!: number;
}

export class DeskAlertResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['REQUEST_OVERDUE', 'SUPPRESSED_PERSON_RETURNED', 'JOINT_USE_NOT_NOTIFIED'] }) kind!: string;
  @ApiProperty({ description: 'The request (REQUEST_OVERDUE) or the contact held out of joint use (SUPPRESSED_PERSON_RETURNED, JOINT_USE_NOT_NOTIFIED)' })
  subjectId!: string;
  @ApiProperty() detail!: string;
  @ApiProperty() raisedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
}

export class RetentionProposalResponse {
  @ApiProperty() id!: string;
  @ApiProperty() contactId!: string;
  @ApiProperty({ enum: ['PROPOSED', 'CONFIRMED', 'DISMISSED', 'WITHDRAWN'] }) status!: string;
  @ApiProperty({ description: 'The latest registration, acquisition, correction or transaction entry recorded for the person' }) lastActivityAt!: string;
  @ApiProperty({ example: 'No acquisition, correction or transaction since 2021-03-01 (retention period 5 years)' }) reason!: string;
  @ApiProperty() proposedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dismissalReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'A dismissed proposal is not made again before this' }) postponedUntil!: string | null;
}

export class DeskSummaryResponse {
  @ApiProperty({ description: 'Desk alerts not yet acknowledged' }) openAlerts!: number;
  @ApiProperty({ description: 'Open requests, complaints and consultations past their deadline' }) overdueRequests!: number;
  @ApiProperty({ description: 'Persons proposed for erasure under the retention rule, awaiting a decision' }) retentionProposals!: number;
}
