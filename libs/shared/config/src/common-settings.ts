import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { IsHttpUrlIfGiven, IsJwksFile, OneOf } from './key-validators';
import { ReadableFile } from './readable-file.validator';
import { AtMostReplicationFactor } from './replication.validators';
import { SaslPasswordSetting, SaslUsernameSetting } from './sasl-credential.validators';
import { CommaSeparated, NumberSetting } from './transforms';

/** Settings every service has. Defaults suit a developer's machine; secrets have none. */
export abstract class CommonSettings {
  @NumberSetting() @IsInt() @Min(1) @Max(65535)
  PORT!: number;

  @IsString() @Matches(/^127\.0\.0\.1$|^0\.0\.0\.0$|^localhost$|^::1?$|^[\w.-]+$/)
  HOST = '127.0.0.1';

  @Matches(/^postgres(ql)?:\/\/.+\/[\w-]+(\?.*)?$/, { message: 'DATABASE_URL must be a postgres:// URL naming a database' })
  DATABASE_URL!: string;

  @CommaSeparated() @IsArray() @ArrayMinSize(1) @Matches(/^[\w.-]+:\d{1,5}$/, { each: true, message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  /** How the service talks to the brokers: SASL over TLS or plain TCP, or TLS alone (client certificates are not supported). */
  @IsIn(['SASL_PLAINTEXT', 'SASL_SSL', 'SSL', 'PLAINTEXT'])
  KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT' | 'SASL_SSL' | 'SSL' | 'PLAINTEXT' = 'SASL_PLAINTEXT';

  @IsIn(['scram-sha-512', 'scram-sha-256', 'plain'])
  KAFKA_SASL_MECHANISM: 'scram-sha-512' | 'scram-sha-256' | 'plain' = 'scram-sha-512';

  /** The service's own principal on the broker. */
  @SaslUsernameSetting('KAFKA_USERNAME')
  KAFKA_USERNAME?: string;

  @SaslPasswordSetting('KAFKA_PASSWORD')
  KAFKA_PASSWORD?: string;

  /** PEM file of the certificate authorities to trust for SASL_SSL and SSL; the system's when unset. */
  @IsOptional() @ReadableFile()
  KAFKA_TLS_CA_FILE?: string;

  /**
   * Partitions of the keyed topics the service creates (contacts, each company's, access, provision): the most
   * instances of a consumer that can share the work. Applies when a topic is created; an existing topic keeps its own.
   */
  @NumberSetting() @IsInt() @Min(1) @Max(1000)
  KAFKA_TOPIC_PARTITIONS = 12;

  /** How many partitions one instance's consumer handles at once; each partition's messages stay in order. */
  @NumberSetting() @IsInt() @Min(1) @Max(100)
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY = 4;

  /** Replicas of each topic the service creates: 1 on a single broker, 3 on a cluster. */
  @NumberSetting() @IsInt({ message: 'KAFKA_REPLICATION_FACTOR must be a whole number of at least 1' }) @Min(1, { message: 'KAFKA_REPLICATION_FACTOR must be a whole number of at least 1' })
  KAFKA_REPLICATION_FACTOR = 1;

  /** How many of those replicas must have a write before it is acknowledged (topic `min.insync.replicas`): 2 of 3 on a cluster. */
  @NumberSetting()
  @IsInt({ message: 'KAFKA_MIN_INSYNC_REPLICAS must be a whole number of at least 1' })
  @Min(1, { message: 'KAFKA_MIN_INSYNC_REPLICAS must be a whole number of at least 1' })
  @AtMostReplicationFactor()
  KAFKA_MIN_INSYNC_REPLICAS = 1;

  /** The identity provider's issuer (`iss`) of the access tokens this service accepts. */
  @IsString() @MinLength(1)
  AUTH_ISSUER!: string;

  /** This service's own audience: an access token must name it in `aud`. Each service has its own. */
  @IsString() @MinLength(1)
  AUTH_AUDIENCE!: string;

  /** The identity provider's public keys as a JWKS URL; give this or AUTH_JWKS_FILE. */
  @OneOf('AUTH_JWKS_FILE') @IsHttpUrlIfGiven()
  AUTH_JWKS_URL?: string;

  /** The identity provider's public keys as a JWKS file, read again when it changes (a key rotation needs no restart). */
  @ValidateIf((s: CommonSettings) => s.AUTH_JWKS_FILE !== undefined) @IsJwksFile()
  AUTH_JWKS_FILE?: string;

  /** The claim naming the caller's registry role: a claim name or a dotted path (`realm_access.roles`); a string or an array. */
  @Matches(/^\S+$/)
  AUTH_ROLE_CLAIM = 'registry_role';

  /** The claim naming the group company the caller acts for. */
  @Matches(/^\S+$/)
  AUTH_COMPANY_CLAIM = 'registry_company';

  /** How far the clocks of the identity provider and this service may disagree when checking `exp` and `nbf`. */
  @NumberSetting() @IsInt() @Min(0) @Max(300)
  AUTH_CLOCK_TOLERANCE_SECONDS = 30;

  /** The least severe level written: Nest's names (`log`, `verbose`) or pino's (`info`, `trace`), or `silent`. */
  @IsIn(['fatal', 'error', 'warn', 'log', 'info', 'debug', 'verbose', 'trace', 'silent'])
  LOG_LEVEL = 'log';

  /** The bearer token a scrape of /metrics must send; unset, /metrics answers whoever reaches the port. */
  @IsOptional() @IsString() @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  @Matches(/^[\x21-\x7e]+$/, { message: 'METRICS_TOKEN must be printable ASCII without spaces' })
  METRICS_TOKEN?: string;

  /** Where spans go: `none` (made, so their ids connect log lines and travel with events, but sent nowhere) or `otlp`. */
  @IsIn(['none', 'otlp'])
  OTEL_TRACES_EXPORTER: 'none' | 'otlp' = 'none';

  /** The OpenTelemetry collector's OTLP/HTTP base URL (spans are posted to `<url>/v1/traces`); needed with `otlp`. */
  @ValidateIf((s: CommonSettings) => s.OTEL_TRACES_EXPORTER === 'otlp' || s.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined)
  @IsString({ message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be given when OTEL_TRACES_EXPORTER is otlp' })
  @IsHttpUrlIfGiven()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}

/**
 * Settings of a service that another registry service (contacts, gathering a disclosure) may call with its own
 * token: whose tokens those are and where its public keys are. Such a token is accepted only on routes that
 * allow its scope. With no keys given, no service token is accepted.
 */
export abstract class ServiceCallerSettings extends CommonSettings {
  /** The calling service's name: its tokens' issuer and subject. */
  @Matches(/^\S+$/)
  AUTH_SERVICE_CALLER = 'urn:registry:service:contacts';

  @OneOf('AUTH_SERVICE_CALLER_JWKS_FILE', { required: false }) @IsHttpUrlIfGiven()
  AUTH_SERVICE_CALLER_JWKS_URL?: string;

  @ValidateIf((s: ServiceCallerSettings) => s.AUTH_SERVICE_CALLER_JWKS_FILE !== undefined) @IsJwksFile()
  AUTH_SERVICE_CALLER_JWKS_FILE?: string;
}
