import { BooleanSetting, CommaSeparated, NumberSetting, SaslPasswordSetting, SaslUsernameSetting, ServiceCallerSettings } from '@registry/config';
import { ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export class SharingSettings extends ServiceCallerSettings {
  override PORT = 3002;

  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/registry_sharing';

  override AUTH_AUDIENCE = 'registry-sharing';

  @BooleanSetting() @IsBoolean()
  DB_MIGRATE_ON_START = true;

  /** The Kafka consumer group; every instance of the service shares it. */
  @Matches(/^[\w.-]{1,100}$/)
  KAFKA_CONSUMER_GROUP = 'sharing';

  @NumberSetting() @IsInt() @Min(10) @Max(60_000)
  OUTBOX_POLL_MS = 100;

  @NumberSetting() @IsInt() @Min(1) @Max(5000)
  OUTBOX_BATCH_SIZE = 500;

  /**
   * How long a consumed event's id is remembered, so that a redelivered event changes nothing; older ids are
   * pruned hourly. Longer than Kafka keeps a group's committed offsets (7 days by default), see processed-events.ts.
   */
  @NumberSetting() @IsInt() @Min(8) @Max(3650)
  PROCESSED_EVENTS_RETENTION_DAYS = 30;

  /** Statistics cells counting fewer persons than this are suppressed. */
  @NumberSetting() @IsInt() @Min(2) @Max(1000)
  STATISTICS_MIN_CELL = 5;

  /**
   * The secret statistics' record keys are derived from (cell-key method); when unset, one drawn at installation
   * and kept in the database. Changing it changes every perturbed count once.
   */
  @IsOptional() @IsString() @MinLength(32, { message: 'STATISTICS_CELL_KEY_SECRET must be at least 32 characters' })
  STATISTICS_CELL_KEY_SECRET?: string;

  /**
   * Sharing's second principal on the broker, with ALTER on the cluster: it issues, rotates and revokes group
   * companies' SCRAM credentials and their ACLs, and nothing else uses it.
   */
  @SaslUsernameSetting('KAFKA_CREDENTIALS_ADMIN_USERNAME')
  KAFKA_CREDENTIALS_ADMIN_USERNAME?: string;

  @SaslPasswordSetting('KAFKA_CREDENTIALS_ADMIN_PASSWORD')
  KAFKA_CREDENTIALS_ADMIN_PASSWORD?: string;

  /** The bootstrap servers group companies are told to use with their credentials; KAFKA_BROKERS when unset. */
  @IsOptional() @CommaSeparated() @IsArray() @ArrayMinSize(1)
  @Matches(/^[\w.-]+:\d{1,5}$/, { each: true, message: 'KAFKA_COMPANY_BOOTSTRAP_SERVERS must be host:port[,host:port...]' })
  KAFKA_COMPANY_BOOTSTRAP_SERVERS?: string[];

  /** How often every company's ACLs are brought in line with the register (a leaving date that passed, a missed change). */
  @NumberSetting() @IsInt() @Min(1) @Max(3600)
  KAFKA_ACCESS_RECONCILE_SECONDS = 30;

  /** Contacts delivered or withdrawn per transaction when a company joins or leaves. */
  @NumberSetting() @IsInt() @Min(1) @Max(5000)
  COMPANY_SYNC_BATCH_SIZE = 200;

  /** How often unfinished backfills and withdrawals are looked for. */
  @NumberSetting() @IsInt() @Min(10) @Max(60_000)
  COMPANY_SYNC_POLL_MS = 1000;

  /** How often joining and leaving dates in the register are checked against today. */
  @NumberSetting() @IsInt() @Min(1) @Max(86_400)
  ELIGIBILITY_CHECK_INTERVAL_SECONDS = 60;

  /** Loads the development group register (a handful of realistic companies) at start-up. */
  @BooleanSetting() @IsBoolean()
  SEED_DEV_COMPANIES = false;
}
