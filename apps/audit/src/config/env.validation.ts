import { BooleanSetting, NumberSetting, ServiceCallerSettings } from '@registry/config';
import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { IsEd25519PrivateKey } from './ed25519-key.validator';

export class AuditSettings extends ServiceCallerSettings {
  override PORT = 3003;

  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/registry_audit';

  override AUTH_AUDIENCE = 'registry-audit';

  @BooleanSetting() @IsBoolean()
  DB_MIGRATE_ON_START = true;

  /** The Kafka consumer group; every instance of the service shares it. */
  @Matches(/^[\w.-]{1,100}$/)
  KAFKA_CONSUMER_GROUP = 'audit';

  /** Signs the chain's checkpoints: an Ed25519 private key, PKCS#8 PEM or its DER in base64. No default. */
  @IsString() @IsEd25519PrivateKey()
  AUDIT_SIGNING_KEY!: string;

  /** How often the chain heads are sealed in a signed checkpoint (only when they moved). */
  @NumberSetting() @IsInt() @Min(1) @Max(86_400)
  AUDIT_CHECKPOINT_INTERVAL_SECONDS = 60;

  /** How long audit records are kept; older ones are purged up to a checkpoint. Three years by default, one at least. */
  @NumberSetting() @IsInt() @Min(365) @Max(36_500)
  AUDIT_RETENTION_DAYS = 1095;

  /** How often the retention purge runs. */
  @NumberSetting() @IsInt() @Min(60) @Max(7 * 86_400)
  AUDIT_RETENTION_INTERVAL_SECONDS = 86_400;

  /** Most records one retention transaction deletes: a purge goes in batches of this size, so no transaction holds many rows. */
  @NumberSetting() @IsInt() @Min(1) @Max(100_000)
  AUDIT_RETENTION_BATCH = 5000;

  /** How often the chains are verified in the background, incrementally (from the last verified checkpoint). */
  @NumberSetting() @IsInt() @Min(1) @Max(86_400)
  AUDIT_VERIFY_INTERVAL_SECONDS = 300;

  /** How often the background verification recomputes every chain in full instead. */
  @NumberSetting() @IsInt() @Min(1) @Max(8_760)
  AUDIT_FULL_VERIFY_INTERVAL_HOURS = 24;

  /** Alert when one company reads more than this many contacts within the window below. */
  @NumberSetting() @IsInt() @Min(1)
  ALERT_READ_LIMIT = 1000;

  @NumberSetting() @IsInt() @Min(1) @Max(10_080)
  ALERT_READ_WINDOW_MINUTES = 60;

  /** Alert when one company is refused this many times within the window below. */
  @NumberSetting() @IsInt() @Min(1)
  ALERT_REFUSAL_LIMIT = 5;

  @NumberSetting() @IsInt() @Min(1) @Max(10_080)
  ALERT_REFUSAL_WINDOW_MINUTES = 10;
}
