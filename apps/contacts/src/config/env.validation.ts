import { BooleanSetting, CommonSettings, NumberSetting } from '@registry/config';
import { IsBoolean, IsInt, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { IsServiceSigningKey } from './service-signing-key.validator';

export class ContactsSettings extends CommonSettings {
  override PORT = 3001;

  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/registry_contacts';

  override AUTH_AUDIENCE = 'registry-contacts';

  /** The Kafka consumer group of contacts' copy of the company register; every instance of the service shares it. */
  @Matches(/^[\w.-]{1,100}$/)
  KAFKA_CONSUMER_GROUP = 'contacts';

  @BooleanSetting() @IsBoolean()
  DB_MIGRATE_ON_START = true;

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

  /** Keys the suppression list: HMAC-SHA256 of a person's normalised e-mail and phone, never the values. */
  @IsString() @MinLength(32, { message: 'SUPPRESSION_HMAC_SECRET must be at least 32 characters' })
  SUPPRESSION_HMAC_SECRET!: string;

  /** How long the answer to a registration sent with an Idempotency-Key is kept for a retry. */
  @NumberSetting() @IsInt() @Min(1) @Max(24 * 30)
  IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

  /** A data subject's request still open after this many days raises an alert. */
  @NumberSetting() @IsInt() @Min(1) @Max(365)
  REQUEST_OVERDUE_DAYS = 14;

  /** A person with no acquisition, correction or transaction for this many years is proposed for erasure. */
  @NumberSetting()
  // Decorators run bottom-up: the type is checked before the range.
  @Max(50, { message: 'RETENTION_INACTIVE_YEARS must be at most 50 years' })
  @Min(1, { message: 'RETENTION_INACTIVE_YEARS must be at least 1 year' })
  @IsInt({ message: 'RETENTION_INACTIVE_YEARS must be a whole number of years (1 to 50)' })
  RETENTION_INACTIVE_YEARS = 5;

  /** A dismissed retention proposal is not made again for this many days. */
  @NumberSetting()
  @Max(3650, { message: 'RETENTION_DISMISSAL_POSTPONE_DAYS must be at most 3650 days' })
  @Min(1, { message: 'RETENTION_DISMISSAL_POSTPONE_DAYS must be at least 1 day' })
  @IsInt({ message: 'RETENTION_DISMISSAL_POSTPONE_DAYS must be a whole number of days (1 to 3650)' })
  RETENTION_DISMISSAL_POSTPONE_DAYS = 365;

  /** Where the disclosure bundle gathers what sharing and audit hold about a person. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'SHARING_URL must be an http(s) URL' })
  SHARING_URL = 'http://127.0.0.1:3002';

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'AUDIT_URL must be an http(s) URL' })
  AUDIT_URL = 'http://127.0.0.1:3003';

  /** The most entries of a person's record of provision a disclosure bundle holds; a longer record is cut there, and the bundle says so. */
  @NumberSetting() @IsInt() @Min(1) @Max(1_000_000)
  DISCLOSURE_RECORD_LIMIT = 50_000;

  /** Contacts' own identity when it calls sharing and audit: its tokens' issuer and subject. */
  @Matches(/^\S+$/)
  AUTH_SERVICE_NAME = 'urn:registry:service:contacts';

  /** Signs contacts' own short-lived tokens: an Ed25519, EC P-256 or RSA private key, PKCS#8 PEM or its DER in base64. No default. */
  @IsString() @IsServiceSigningKey()
  AUTH_SERVICE_SIGNING_KEY!: string;

  /** The audiences (their AUTH_AUDIENCE) of sharing and audit, named in contacts' tokens to them. */
  @Matches(/^\S+$/)
  SHARING_AUTH_AUDIENCE = 'registry-sharing';

  @Matches(/^\S+$/)
  AUDIT_AUTH_AUDIENCE = 'registry-audit';
}
