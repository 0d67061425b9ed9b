import { BooleanSetting, CommonSettings, NumberSetting } from '@registry/config';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

export class ContactsSettings extends CommonSettings {
  override PORT = 3001;

  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/registry_contacts';

  @BooleanSetting() @IsBoolean()
  DB_MIGRATE_ON_START = true;

  @NumberSetting() @IsInt() @Min(10) @Max(60_000)
  OUTBOX_POLL_MS = 100;

  @NumberSetting() @IsInt() @Min(1) @Max(5000)
  OUTBOX_BATCH_SIZE = 500;
}
