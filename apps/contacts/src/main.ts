import { startService } from '@registry/platform';
import { ContactsSettings } from './config/env.validation';
import { createContactsApp } from './contacts.app';

void startService('contacts', ContactsSettings, createContactsApp);
