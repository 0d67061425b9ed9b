import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerCompaniesByEvent, TEST_SUPPRESSION_SECRET, testSettings, uniqueSuffix } from '@registry/testing';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ContactsSettings } from '../src/config/env.validation';

/** Contacts' settings for a test: its own database and consumer group, the test secrets. */
export function contactsTestSettings(databaseUrl: string, overrides: Record<string, string> = {}): ContactsSettings {
  return testSettings(ContactsSettings, databaseUrl, { SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET, KAFKA_CONSUMER_GROUP: `contacts-test-${uniqueSuffix()}`, ...overrides });
}

/** Puts companies in contacts' copy of the register the way it is fed: by sharing's register topic. */
export async function registerInContacts(app: NestFastifyApplication, kafka: Kafka, codes: string[]): Promise<void> {
  const dataSource = app.get(DataSource);
  await registerCompaniesByEvent(kafka, codes, async (code) => (await dataSource.query(`SELECT 1 FROM company_register WHERE company_code = $1`, [code])).length > 0);
}
