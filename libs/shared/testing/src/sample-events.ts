import { AccessRecordedEvent, ProvisionRecordedEvent } from '@registry/contracts';
import { JOINT_USE_NOTICE, NOTICE_REVISIONS } from '@registry/policy';
import { randomUUID } from 'node:crypto';

/** A valid access event of the current schema with fresh ids, decided under the notice in force, for tests that feed the access topic. */
export function sampleAccessEvent(overrides: Partial<AccessRecordedEvent> = {}): AccessRecordedEvent {
  const now = new Date().toISOString();
  const event: AccessRecordedEvent = {
    eventId: randomUUID(),
    occurredAt: now,
    schemaVersion: AccessRecordedEvent.currentSchemaVersion,
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
    noticeVersion: JOINT_USE_NOTICE.version,
    ...overrides,
  };
  // Each contact named, covered by the first revision unless the caller says otherwise.
  return { ...event, acquisitionNoticeVersions: overrides.acquisitionNoticeVersions ?? event.contactIds.map(() => NOTICE_REVISIONS[0]?.version ?? null) };
}

/** A provision event as sharing publishes it: a delivery of one contact to one company under the current notice. */
export function sampleProvisionEvent(overrides: Partial<ProvisionRecordedEvent> = {}): ProvisionRecordedEvent {
  const now = new Date().toISOString();
  return {
    eventId: randomUUID(),
    occurredAt: now,
    schemaVersion: ProvisionRecordedEvent.currentSchemaVersion,
    eventType: 'ProvisionRecorded',
    provisionId: randomUUID(),
    companyCode: 'STAFFING-JP',
    contactId: randomUUID(),
    version: 1,
    kind: 'DELIVERED',
    purposes: ['PRODUCT_INFO'],
    providedAt: now,
    noticeVersion: JOINT_USE_NOTICE.version,
    acquisitionNoticeVersion: NOTICE_REVISIONS[0]?.version ?? JOINT_USE_NOTICE.version,
    ...overrides,
  };
}
