import { ArrayMinSize, IsArray, IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
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

  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';
}
