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

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';
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
