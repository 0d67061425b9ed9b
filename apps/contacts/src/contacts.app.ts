import { createHttpApp } from '@registry/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { ContactsSettings } from './config/env.validation';

export function createContactsApp(settings: ContactsSettings): Promise<NestFastifyApplication> {
  return createHttpApp(AppModule.register(settings), {
    service: 'contacts',
    title: 'Contacts',
    description: 'Intake of business contacts by sales staff. Intake-only fields (memo, card image, acquiring staff) never leave this service.',
    logLevel: settings.LOG_LEVEL,
  });
}
