import { postgresOptions } from '@registry/persistence';
import { DataSource } from 'typeorm';
import { AcquisitionEntity } from '../contacts/acquisition.entity';
import { ContactEntity } from '../contacts/contact.entity';
import { CorrectionEntity } from '../contacts/correction.entity';
import { JointUseConsentEntity } from '../contacts/joint-use-consent.entity';
import { CreateContacts1732406400000 } from './migrations/1732406400000-create-contacts';
import { AcquisitionsAndIdentity1732492800000 } from './migrations/1732492800000-acquisitions-and-identity';
import { SubjectRights1732838400000 } from './migrations/1732838400000-subject-rights';
import { CompanyRegisterCopy1733011200000 } from './migrations/1733011200000-company-register-copy';
import { DeadLetters1733104800000 } from './migrations/1733104800000-dead-letters';
import { ItemStatementsAndIdempotency1733200000000 } from './migrations/1733200000000-item-statements-and-idempotency';
import { PersonKeyKanaReading1733300000000 } from './migrations/1733300000000-person-key-kana-reading';
import { RequestProcedure1733421000000 } from './migrations/1733421000000-request-procedure';
import { RetentionProposals1733422000000 } from './migrations/1733422000000-retention-proposals';
import { ProcessedEventsByTime1733443200000 } from './migrations/1733443200000-processed-events-by-time';
import { AcquisitionNoticesAndEntryIds1733450000000 } from './migrations/1733450000000-acquisition-notices-and-entry-ids';
import { OutboxTraceContext1733529600000 } from './migrations/1733529600000-outbox-trace-context';
import { OutboxNotify1733616000000 } from './migrations/1733616000000-outbox-notify';
import { CardImages1733616500000 } from './migrations/1733616500000-card-images';
import { CardImageEntity } from '../card-images/card-image.entity';

export const CONTACTS_MIGRATIONS = [
  CreateContacts1732406400000,
  AcquisitionsAndIdentity1732492800000,
  SubjectRights1732838400000,
  CompanyRegisterCopy1733011200000,
  DeadLetters1733104800000,
  ItemStatementsAndIdempotency1733200000000,
  PersonKeyKanaReading1733300000000,
  RequestProcedure1733421000000,
  RetentionProposals1733422000000,
  ProcessedEventsByTime1733443200000,
  AcquisitionNoticesAndEntryIds1733450000000,
  OutboxTraceContext1733529600000,
  OutboxNotify1733616000000,
  CardImages1733616500000,
];

export function contactsDatabaseOptions(url: string, migrateOnStart: boolean) {
  return postgresOptions({ url, entities: [ContactEntity, AcquisitionEntity, CorrectionEntity, JointUseConsentEntity, CardImageEntity], migrations: CONTACTS_MIGRATIONS, migrateOnStart });
}

// For the TypeORM CLI (migration:show, migration:revert).
export default new DataSource(
  contactsDatabaseOptions(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/registry_contacts', false),
);
