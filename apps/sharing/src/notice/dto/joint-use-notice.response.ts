import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACQUISITION_METHODS,
  GROUP_RELATIONSHIPS,
  JOINT_USE_PURPOSES,
  NOTICE_CHANGE_CLASSES,
  SHARED_ITEMS,
  type JointUseNoticeShape,
  type NoticeChangeClass,
  type NoticeText,
} from '@registry/policy';
import type { ListedCompany } from '../joint-users.service';

// The notice is served as the manifest states it; these classes only describe it for OpenAPI, and
// `implements` keeps them in step with its shape.

export class NoticeTextResponse implements NoticeText {
  @ApiProperty({ description: 'Japanese' }) ja!: string;
  @ApiProperty({ description: 'English' }) en!: string;
}

export class SharedItemResponse {
  @ApiProperty({ enum: SHARED_ITEMS, description: 'The item’s property in shared contacts and events' }) key!: string;
  @ApiProperty({ type: NoticeTextResponse }) label!: NoticeTextResponse;
}

export class GroupRelationshipResponse {
  @ApiProperty({ enum: GROUP_RELATIONSHIPS }) code!: string;
  @ApiProperty({ type: NoticeTextResponse }) label!: NoticeTextResponse;
}

export class JointUsersResponse {
  @ApiProperty({ type: NoticeTextResponse }) description!: NoticeTextResponse;
  @ApiPropertyOptional({
    type: NoticeTextResponse,
    description: 'What "Pasona Group companies" means for joint use: the holding company, its consolidated subsidiaries and equity-method affiliates (absent from the first revision)',
  })
  definition?: NoticeTextResponse;
  @ApiProperty({ type: [GroupRelationshipResponse], description: 'The group relationships whose companies may use the data jointly' })
  relationships!: GroupRelationshipResponse[];
  @ApiProperty({ example: 'JP', description: 'ISO 3166-1 alpha-2: only companies located in this country use the data jointly' }) country!: string;
}

export class PurposeResponse {
  @ApiProperty({ enum: JOINT_USE_PURPOSES, description: 'The code a group company declares when it reads' }) code!: string;
  @ApiProperty({ description: 'The item of the purposes of use in section 2 of the privacy policy (3 to 7)' }) policyItem!: number;
  @ApiProperty({ type: NoticeTextResponse }) wording!: NoticeTextResponse;
}

export class AcquisitionMethodResponse {
  @ApiProperty({ enum: ACQUISITION_METHODS }) code!: string;
  @ApiProperty({ type: NoticeTextResponse }) label!: NoticeTextResponse;
}

export class AcquisitionResponse {
  @ApiProperty({ type: NoticeTextResponse }) description!: NoticeTextResponse;
  @ApiProperty({ type: [AcquisitionMethodResponse] }) methods!: AcquisitionMethodResponse[];
}

export class ResponsibleCompanyResponse {
  @ApiProperty({ type: NoticeTextResponse }) name!: NoticeTextResponse;
  @ApiProperty({ example: '107-8351' }) postalCode!: string;
  @ApiProperty({ type: NoticeTextResponse }) address!: NoticeTextResponse;
  @ApiProperty({ type: NoticeTextResponse }) representative!: NoticeTextResponse;
  @ApiProperty({ type: NoticeTextResponse }) inquiries!: NoticeTextResponse;
  @ApiProperty({ description: 'Where inquiries about joint use go' }) inquiryEmail!: string;
}

export class DisclosureRequestsResponse {
  @ApiProperty({ type: NoticeTextResponse }) description!: NoticeTextResponse;
  @ApiProperty({ description: 'Where requests for disclosure, correction, suspension and erasure go' }) email!: string;
}

export class RevisionResponse {
  @ApiProperty({ example: '2026-11-29', description: 'The revision: the date it took effect' }) version!: string;
  @ApiProperty({ example: '2026-11-29', description: 'The date it was published' }) publishedOn!: string;
  @ApiProperty({ example: '2026-11-29', description: 'The date it takes effect (Japanese calendar); later than publishedOn for a change of purposes or of the responsible company' })
  effectiveFrom!: string;
  @ApiProperty({ enum: NOTICE_CHANGE_CLASSES, isArray: true, description: 'What it changes against the previous revision; empty for the first' })
  changes!: NoticeChangeClass[];
  @ApiProperty({ type: NoticeTextResponse, description: 'Why it was made' }) summary!: NoticeTextResponse;
}

export class RevisionListEntryResponse extends RevisionResponse {
  @ApiProperty({ description: 'Whether it is the revision in force today' }) inForce!: boolean;
}

export class RevisionListResponse {
  @ApiProperty({ type: [RevisionListEntryResponse], description: 'Every published revision, oldest first, including one announced but not yet in force' })
  revisions!: RevisionListEntryResponse[];
}

export class ListedCompanyResponse implements ListedCompany {
  @ApiProperty({ example: 'STAFFING-JP' }) code!: string;
  @ApiProperty({ description: 'Legal name as the group register holds it' }) name!: string;
  @ApiProperty({ example: 'JP' }) country!: string;
  @ApiProperty({ enum: GROUP_RELATIONSHIPS }) relationship!: (typeof GROUP_RELATIONSHIPS)[number];
  @ApiProperty({ example: '2010-04-01' }) joinedOn!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) leftOn!: string | null;
  @ApiProperty({ description: 'Whether it used the data jointly on that date: a group member, active, in a relationship the notice names, in Japan' })
  jointUser!: boolean;
}

export class JointUseNoticeResponse implements JointUseNoticeShape {
  @ApiProperty({ example: '2022-04-01', description: 'The date the wording took effect; every access and provision records the version it was decided under' })
  version!: string;
  @ApiProperty({ type: NoticeTextResponse }) title!: NoticeTextResponse;
  @ApiProperty({ type: NoticeTextResponse }) introduction!: NoticeTextResponse;
  @ApiProperty({ type: NoticeTextResponse }) legalBasis!: NoticeTextResponse;
  @ApiProperty({ type: NoticeTextResponse }) dataSubjects!: NoticeTextResponse;
  @ApiProperty({ type: [SharedItemResponse], description: 'The only items that may be used jointly' }) sharedItems!: SharedItemResponse[];
  @ApiProperty({ type: JointUsersResponse }) jointUsers!: JointUsersResponse;
  @ApiProperty({ type: [PurposeResponse], description: 'The only purposes of joint use' }) purposes!: PurposeResponse[];
  @ApiProperty({ type: AcquisitionResponse }) acquisition!: AcquisitionResponse;
  @ApiProperty({ type: ResponsibleCompanyResponse }) responsibleCompany!: ResponsibleCompanyResponse;
  @ApiProperty({ type: DisclosureRequestsResponse }) disclosureRequests!: DisclosureRequestsResponse;
  @ApiProperty({ example: '2026-11-29', description: 'The date the notice and the list are given for (the on parameter, today by default)' }) on!: string;
  @ApiProperty({ type: RevisionResponse, description: 'The revision in force on that date' }) revision!: RevisionResponse;
  @ApiProperty({
    type: [ListedCompanyResponse],
    description: 'The group companies located in Japan as the register stood at the end of that date, each marked whether it was a joint user. Companies abroad are left out: they never receive the data.',
  })
  companies!: ListedCompanyResponse[];
}
