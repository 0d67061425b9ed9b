import { IsISO8601, IsInt, IsUUID, Min } from 'class-validator';

/** What every event carries, whatever its type. */
export abstract class EventEnvelope {
  @IsUUID()
  eventId!: string;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsInt()
  @Min(1)
  schemaVersion!: number;
}
