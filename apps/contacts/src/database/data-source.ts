import { postgresOptions } from '@registry/persistence';
import { DataSource } from 'typeorm';
import { ContactEntity } from '../contacts/contact.entity';
import { CreateContacts1732406400000 } from './migrations/1732406400000-create-contacts';

export const CONTACTS_MIGRATIONS = [CreateContacts1732406400000];

export function contactsDatabaseOptions(url: string, migrateOnStart: boolean) {
  return postgresOptions({ url, entities: [ContactEntity], migrations: CONTACTS_MIGRATIONS, migrateOnStart });
}

// For the TypeORM CLI (migration:show, migration:revert).
export default new DataSource(
  contactsDatabaseOptions(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/registry_contacts', false),
);
