import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class RecordOfProvisionRestResponse {
  @ApiProperty({ description: "Audit's route that reads on from the entry after the last one the bundle holds", example: '/audit/contacts/{id}/record-of-provision?cursor=…' })
  route!: string;
  @ApiProperty() cursor!: string;
}

export class RecordOfProvisionDisclosureResponse {
  @ApiProperty() contactId!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Deliveries and withdrawals, in the order audit recorded them' })
  provisions!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Granted reads, in the order audit recorded them, after the provisions' })
  accesses!: Record<string, unknown>[];
  @ApiProperty({ description: 'True when the bundle holds the whole record; false when it was cut at DISCLOSURE_RECORD_LIMIT' }) complete!: boolean;
  @ApiProperty({ description: 'Entries the bundle holds' }) entries!: number;
  @ApiProperty({ description: 'Entries the record held when it was read' }) totalEntries!: number;
  @ApiProperty({ description: 'The bound (DISCLOSURE_RECORD_LIMIT)' }) limit!: number;
  @ApiPropertyOptional({ type: RecordOfProvisionRestResponse, nullable: true, description: 'Where the rest is, when cut; null when complete' })
  rest!: RecordOfProvisionRestResponse | null;
}
