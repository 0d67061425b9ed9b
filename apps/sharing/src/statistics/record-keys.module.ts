import { Global, Module, type DynamicModule } from '@nestjs/common';
import { RECORD_KEY_SETTINGS, RecordKeys, type RecordKeySettings } from './record-keys';

/** The statistics' record keys, written by the projection and summed by the statistics. */
@Global()
@Module({})
export class RecordKeysModule {
  static register(settings: RecordKeySettings): DynamicModule {
    return { module: RecordKeysModule, providers: [RecordKeys, { provide: RECORD_KEY_SETTINGS, useValue: settings }], exports: [RecordKeys] };
  }
}
