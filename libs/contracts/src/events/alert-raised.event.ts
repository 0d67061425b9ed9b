import { IsIn, IsInt, IsISO8601, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { EventEnvelope } from './event-envelope';

/** CHAIN_BROKEN (from schema version 2): a scheduled verification found an audit chain broken; companyCode then names the chain. */
export const ALERT_RULES = ['READ_RATE', 'REPEATED_REFUSALS', 'INELIGIBLE_COMPANY', 'CHAIN_BROKEN'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** Audit saw something the administrator should look at. Ids, codes and counts only. */
export class AlertRaisedEvent extends EventEnvelope {
  static readonly currentSchemaVersion = 2;

  @IsIn(['AlertRaised']) eventType!: 'AlertRaised';
  @IsUUID() alertId!: string;
  @IsIn(ALERT_RULES) rule!: AlertRule;
  @IsString() @MaxLength(64) companyCode!: string;
  /** What was seen, e.g. "1204 contacts read within 60 minutes (limit 1000)". */
  @IsString() @MaxLength(500) detail!: string;
  @IsInt() @Min(1) occurrences!: number;
  @IsISO8601({ strict: true }) raisedAt!: string;
}
