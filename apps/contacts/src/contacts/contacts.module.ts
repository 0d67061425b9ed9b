import { Module, type DynamicModule } from '@nestjs/common';
import { DeskAlertsService } from '../rights/desk-alerts.service';
import { SuppressionList } from '../rights/suppression-list';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';
import { RecordJointUseConsentUseCase } from './record-joint-use-consent.use-case';
import { RegisterContactUseCase } from './register-contact.use-case';
import { RegistrationIdempotency } from './registration-idempotency';

export interface ContactsModuleOptions {
  suppressionSecret: string;
  idempotencyRetentionHours: number;
}

/**
 * Intake. Exports the service and the lists it keeps, for a module that imports this one (the rights desk acts
 * on contacts through them); the suppression list and the desk's alerts live here because intake checks and raises them.
 */
@Module({})
export class ContactsModule {
  static register(options: ContactsModuleOptions): DynamicModule {
    return {
      module: ContactsModule,
      controllers: [ContactsController],
      providers: [
        ContactsService,
        RegisterContactUseCase,
        RecordJointUseConsentUseCase,
        DeskAlertsService,
        { provide: SuppressionList, useValue: new SuppressionList(options.suppressionSecret) },
        { provide: RegistrationIdempotency, useValue: new RegistrationIdempotency(options.idempotencyRetentionHours) },
      ],
      exports: [ContactsService, DeskAlertsService, SuppressionList],
    };
  }
}
