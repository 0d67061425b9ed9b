import { CompanyRegisterChangedEvent, Topics } from '@registry/contracts';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually } from './eventually';

/** A register change as sharing announces it: an active domestic subsidiary unless overridden. */
export function companyRegisterChanged(companyCode: string, overrides: Partial<CompanyRegisterChangedEvent> = {}): CompanyRegisterChangedEvent {
  const now = new Date().toISOString();
  return {
    eventId: randomUUID(),
    occurredAt: now,
    schemaVersion: CompanyRegisterChangedEvent.currentSchemaVersion,
    eventType: 'CompanyRegisterChanged',
    companyCode,
    version: 1,
    legalName: `${companyCode} KK`,
    country: 'JP',
    relationship: 'CONSOLIDATED_SUBSIDIARY',
    joinedOn: '2020-04-01',
    leftOn: null,
    active: true,
    changedBy: 'test-register',
    changedAt: now,
    ...overrides,
  };
}

/** Publishes register changes on sharing's register topic, as sharing's relay would. */
export async function publishRegisterChanges(kafka: Kafka, events: CompanyRegisterChangedEvent[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic: Topics.companyRegister, acks: -1, messages: events.map((event) => ({ key: event.companyCode, value: JSON.stringify(event) })) });
  } finally {
    await producer.disconnect();
  }
}

/**
 * Puts companies in the register of a service that copies it from the register topic: publishes their
 * registration and waits until the service has it.
 */
export async function registerCompaniesByEvent(kafka: Kafka, codes: string[], isRegistered: (code: string) => Promise<boolean>): Promise<void> {
  await publishRegisterChanges(kafka, codes.map((code) => companyRegisterChanged(code)));
  await eventually(
    async () => {
      for (const code of codes) if (!(await isRegistered(code))) throw new Error(`${code} has not reached the service's register yet`);
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
}
