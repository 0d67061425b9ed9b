import { Module, type DynamicModule } from '@nestjs/common';
import { AccessService, STATISTICS_MIN_CELL } from './access.service';
import { SharedContactsController } from './shared-contacts.controller';

@Module({})
export class SharedContactsModule {
  static register(options: { statisticsMinCell: number }): DynamicModule {
    return {
      module: SharedContactsModule,
      controllers: [SharedContactsController],
      providers: [AccessService, { provide: STATISTICS_MIN_CELL, useValue: options.statisticsMinCell }],
    };
  }
}
