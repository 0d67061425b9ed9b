import { BooleanSetting, CommonSettings, NumberSetting } from '@registry/config';
import { IsBoolean, IsInt, Matches, Max, Min } from 'class-validator';

export class SharingSettings extends CommonSettings {
  override PORT = 3002;

  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/registry_sharing';

  @BooleanSetting() @IsBoolean()
  DB_MIGRATE_ON_START = true;

  /** The Kafka consumer group; every instance of the service shares it. */
  @Matches(/^[\w.-]{1,100}$/)
  KAFKA_CONSUMER_GROUP = 'sharing';

  @NumberSetting() @IsInt() @Min(10) @Max(60_000)
  OUTBOX_POLL_MS = 100;

  @NumberSetting() @IsInt() @Min(1) @Max(5000)
  OUTBOX_BATCH_SIZE = 500;

  /** Statistics cells counting fewer persons than this are suppressed. */
  @NumberSetting() @IsInt() @Min(2) @Max(1000)
  STATISTICS_MIN_CELL = 5;

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
