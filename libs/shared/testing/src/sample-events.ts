import type { AccessRecordedEvent } from '@registry/contracts';
import { randomUUID } from 'node:crypto';

/** A valid access event with fresh ids, for tests that feed the access topic. */
export function sampleAccessEvent(overrides: Partial<AccessRecordedEvent> = {}): AccessRecordedEvent {
  const now = new Date().toISOString();
  return {
    eventId: randomUUID(),
    occurredAt: now,
    schemaVersion: 1,
    eventType: 'AccessRecorded',
    accessId: randomUUID(),
    companyCode: 'STAFFING-JP',
    requestedBy: 'crm-sync',
    operation: 'READ_CONTACT',
    purpose: 'PRODUCT_INFO',
    contactIds: [randomUUID()],
    outcome: 'GRANTED',
    reason: null,
    accessedAt: now,
    ...overrides,
  };
}
