import { BooleanSetting, NumberSetting, ServiceCallerSettings } from '@registry/config';
import { IsBoolean, IsInt, Matches, Max, Min } from 'class-validator';

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

  /** Statistics cells counting fewer persons than this are suppressed. */
  @NumberSetting() @IsInt() @Min(2) @Max(1000)
  STATISTICS_MIN_CELL = 5;

  /** Loads the development group register (a handful of realistic companies) at start-up. */
  @BooleanSetting() @IsBoolean()
  SEED_DEV_COMPANIES = false;
}
