import { Module, type DynamicModule } from '@nestjs/common';
import { AccessService, STATISTICS_OPTIONS, type StatisticsOptions } from './access.service';
import { SharedContactsController } from './shared-contacts.controller';

@Module({})
export class SharedContactsModule {
  static register(options: StatisticsOptions): DynamicModule {
    return {
      module: SharedContactsModule,
      controllers: [SharedContactsController],
      providers: [AccessService, { provide: STATISTICS_OPTIONS, useValue: options }],
    };
  }
}
