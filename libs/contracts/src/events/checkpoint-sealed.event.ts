import { IsBase64, IsIn, IsISO8601, IsNumberString, IsString, Matches, MaxLength } from 'class-validator';
import { EventEnvelope } from './event-envelope';

/**
 * Audit sealed the head of one of its hash chains in a signed checkpoint. Hashes, counts, sequence numbers,
 * times and the Ed25519 signature only: no personal data. Consumers dedupe by checkpointId.
 */
export class CheckpointSealedEvent extends EventEnvelope {
  static readonly currentSchemaVersion = 1;

  @IsIn(['CheckpointSealed']) eventType!: 'CheckpointSealed';
  /** The checkpoint's id in audit (unique per audit database). */
  @IsNumberString({ no_symbols: true }) checkpointId!: string;
  @IsString() @MaxLength(64) chain!: string;
  @IsNumberString({ no_symbols: true }) seq!: string;
  @Matches(/^[0-9a-f]{64}$/) hash!: string;
  @IsNumberString({ no_symbols: true }) records!: string;
  @IsISO8601({ strict: true }) sealedAt!: string;
  @Matches(/^[0-9a-f]{16}$/) keyId!: string;
  /** Ed25519 over the canonical JSON of {kind: "checkpoint", chain, seq, hash, records, sealedAt}, base64. */
  @IsBase64() signature!: string;
}
