import { BooleanSetting, CommonSettings } from '@registry/config';
import { IsBoolean, Matches } from 'class-validator';

export class AuditSettings extends CommonSettings {
  override PORT = 3003;

  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/registry_audit';

  @BooleanSetting() @IsBoolean()
  DB_MIGRATE_ON_START = true;

  /** The Kafka consumer group; every instance of the service shares it. */
  @Matches(/^[\w.-]{1,100}$/)
  KAFKA_CONSUMER_GROUP = 'audit';
}
