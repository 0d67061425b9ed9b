import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { ReadableFile } from './readable-file.validator';
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
  @ValidateIf((s: CommonSettings) => s.KAFKA_SECURITY_PROTOCOL.startsWith('SASL'))
  @IsString({ message: 'KAFKA_USERNAME is required when KAFKA_SECURITY_PROTOCOL is SASL_PLAINTEXT or SASL_SSL' })
  @Matches(/^[\w.@-]{1,100}$/, { message: 'KAFKA_USERNAME must be 1-100 letters, digits, dots, @, hyphens or underscores' })
  KAFKA_USERNAME?: string;

  @ValidateIf((s: CommonSettings) => s.KAFKA_SECURITY_PROTOCOL.startsWith('SASL'))
  @IsString({ message: 'KAFKA_PASSWORD is required when KAFKA_SECURITY_PROTOCOL is SASL_PLAINTEXT or SASL_SSL' })
  @MinLength(12, { message: 'KAFKA_PASSWORD must be at least 12 characters' })
  KAFKA_PASSWORD?: string;

  /** PEM file of the certificate authorities to trust for SASL_SSL and SSL; the system's when unset. */
  @IsOptional() @ReadableFile()
  KAFKA_TLS_CA_FILE?: string;

  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';
}
