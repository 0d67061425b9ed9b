import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACQUISITION_METHODS, JOINT_USE_STATUSES, type JointUseStatus } from '@registry/contracts';

// What HoldingsController answers: the items as heldItems() reads them from the projection, and the deliveries' rows.

class HeldNameResponse {
  @ApiProperty() full!: string;
  @ApiProperty({ type: String, nullable: true }) kana!: string | null;
}

class HeldAddressResponse {
  @ApiProperty() postalCode!: string;
  @ApiProperty() prefecture!: string;
  @ApiProperty() city!: string;
  @ApiPropertyOptional() street?: string;
}

class HeldTransactionEntryResponse {
  @ApiProperty({ format: 'date' }) occurredOn!: string;
  @ApiProperty() description!: string;
  @ApiProperty() companyCode!: string;
}

/** The allowed items sharing holds, as it would share them. */
export class HeldItemsResponse {
  @ApiProperty({ type: HeldNameResponse }) name!: HeldNameResponse;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ type: HeldAddressResponse, nullable: true }) address!: HeldAddressResponse | null;
  @ApiProperty({ type: String, nullable: true }) department!: string | null;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) fax!: string | null;
  @ApiProperty({ type: [HeldTransactionEntryResponse] }) transactionHistory!: HeldTransactionEntryResponse[];
}

export class HeldAcquisitionResponse {
  @ApiProperty({ enum: ACQUISITION_METHODS }) method!: string;
  @ApiProperty({ format: 'date' }) acquiredOn!: string;
  @ApiProperty({ description: 'The company that acquired the contact' }) companyCode!: string;
}

export class DeliveryResponse {
  @ApiProperty() companyCode!: string;
  @ApiProperty({ enum: ['DELIVERED', 'WITHDRAWN'], description: 'DELIVERED: the contact went out to the company; WITHDRAWN: a withdrawal (tombstone) went out after it was suspended' }) state!: string;
  @ApiProperty({ type: 'integer', description: 'The contact version last delivered or withdrawn' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class HoldingsResponse {
  @ApiProperty({ format: 'uuid' }) contactId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: HeldItemsResponse }) items!: HeldItemsResponse;
  @ApiProperty({ type: HeldAcquisitionResponse }) acquisition!: HeldAcquisitionResponse;
  @ApiProperty({ description: 'Not shared at present: suspended by the administrator, or the person’s status is not ACTIVE' }) suspended!: boolean;
  @ApiProperty() suspendedByAdmin!: boolean;
  @ApiProperty({ enum: JOINT_USE_STATUSES }) subjectStatus!: JointUseStatus;
  @ApiProperty({ type: [DeliveryResponse], description: 'One per company the contact was delivered to, by company code' }) deliveries!: DeliveryResponse[];
}
