import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DeskAlertsService } from '../rights/desk-alerts.service';
import { SuppressionList } from '../rights/suppression-list';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

/** Intake; global so that the rights module can act on contacts through the same service and lists. */
@Global()
@Module({})
export class ContactsModule {
  static register(options: { suppressionSecret: string }): DynamicModule {
    return {
      module: ContactsModule,
      controllers: [ContactsController],
      providers: [ContactsService, DeskAlertsService, { provide: SuppressionList, useValue: new SuppressionList(options.suppressionSecret) }],
      exports: [ContactsService, DeskAlertsService, SuppressionList],
    };
  }
}
