import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsUUID, Min, ValidateNested } from 'class-validator';
import { SharedContactItemsPayload } from './contact-state.event';
import { EventEnvelope } from './event-envelope';

/**
 * What a group company receives on its own topic: the contact's whole shared state (allowed items only),
 * keyed by contact id. A withdrawal is a tombstone for that key: delete your copy.
 */
export class SharedContactEvent extends EventEnvelope {
  static readonly currentSchemaVersion = 1;

  @IsIn(['SharedContactUpserted']) eventType!: 'SharedContactUpserted';
  @IsUUID() contactId!: string;
  @IsInt() @Min(1) version!: number;
  @IsObject() @ValidateNested() @Type(() => SharedContactItemsPayload) items!: SharedContactItemsPayload;
}
