import * as policy from '@registry/policy';
import type { ClassConstructor } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import {
  ACCESS_OPERATIONS,
  ACCESS_OUTCOMES,
  AccessRecordedEvent,
  ACQUISITION_METHODS,
  COMPANY_RELATIONSHIPS,
  DENIAL_REASONS,
  JOINT_USE_PURPOSES,
  parseEvent,
  ProvisionRecordedEvent,
  SHARED_ITEMS,
} from './index';

const at = '2026-11-24T10:00:00.000Z';

function accessEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: randomUUID(),
    occurredAt: at,
    schemaVersion: 2,
    eventType: 'AccessRecorded',
    accessId: randomUUID(),
    companyCode: 'STAFFING-JP',
    requestedBy: 'crm-sync',
    operation: 'READ_CONTACT',
    purpose: 'PRODUCT_INFO',
    contactIds: [randomUUID()],
    outcome: 'GRANTED',
    reason: null,
    accessedAt: at,
    noticeVersion: policy.JOINT_USE_NOTICE.version,
    ...overrides,
  };
}

function provisionEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: randomUUID(),
    occurredAt: at,
    schemaVersion: 2,
    eventType: 'ProvisionRecorded',
    provisionId: randomUUID(),
    companyCode: 'EVENTS-JP',
    contactId: randomUUID(),
    version: 1,
    kind: 'DELIVERED',
    purposes: [...policy.JOINT_USE_PURPOSES],
    providedAt: at,
    noticeVersion: policy.JOINT_USE_NOTICE.version,
    ...overrides,
  };
}

/** The fields named by the problems of a refused event; empty when it was accepted. */
const refusedFields = (parsed: ReturnType<typeof parseEvent>) => (parsed.ok ? [] : [...new Set(parsed.problems.map((problem) => problem.field))]);

const without = (event: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(event).filter(([k]) => k !== key));

describe('the vocabulary contracts share with the joint-use notice', () => {
  it('is the very lists the policy library derives from the notice', () => {
    expect(SHARED_ITEMS).toBe(policy.SHARED_ITEMS);
    expect(JOINT_USE_PURPOSES).toBe(policy.JOINT_USE_PURPOSES);
    expect(COMPANY_RELATIONSHIPS).toBe(policy.GROUP_RELATIONSHIPS);
    expect(ACQUISITION_METHODS).toBe(policy.ACQUISITION_METHODS);
    expect([...SHARED_ITEMS]).toEqual(policy.JOINT_USE_NOTICE.sharedItems.map((item) => item.key));
    expect([...JOINT_USE_PURPOSES]).toEqual(policy.JOINT_USE_NOTICE.purposes.map((purpose) => purpose.code));
    expect([...COMPANY_RELATIONSHIPS]).toEqual(policy.JOINT_USE_NOTICE.jointUsers.relationships.map((relationship) => relationship.code));
  });

  it('takes the outcomes, reasons and operations of the joint-use rule from the policy library', () => {
    expect(ACCESS_OPERATIONS).toBe(policy.ACCESS_OPERATIONS);
    expect(ACCESS_OUTCOMES).toBe(policy.ACCESS_OUTCOMES);
    expect(DENIAL_REASONS).toBe(policy.DENIAL_REASONS);
  });
});

type RecordedEvent = AccessRecordedEvent | ProvisionRecordedEvent;
const cases: [string, { currentSchemaVersion: number } & ClassConstructor<RecordedEvent>, typeof accessEvent][] = [
  ['AccessRecordedEvent', AccessRecordedEvent, accessEvent],
  ['ProvisionRecordedEvent', ProvisionRecordedEvent, provisionEvent],
];

describe.each(cases)('%s and the notice version', (_name, type, valid) => {
  it('is at schema version 2, which records the notice version', () => {
    expect(type.currentSchemaVersion).toBe(2);
    expect(parseEvent(type, JSON.stringify(valid()))).toMatchObject({ ok: true, event: { noticeVersion: policy.JOINT_USE_NOTICE.version } });
  });

  it('refuses a schema version 2 event without a notice version', () => {
    expect(refusedFields(parseEvent(type, JSON.stringify(without(valid(), 'noticeVersion'))))).toEqual(['noticeVersion']);
    expect(refusedFields(parseEvent(type, JSON.stringify(valid({ noticeVersion: null }))))).toEqual(['noticeVersion']);
  });

  it('accepts a schema version 1 event, from before the notice version was recorded, without one', () => {
    const parsed = parseEvent(type, JSON.stringify(without(valid({ schemaVersion: 1 }), 'noticeVersion')));
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.event.noticeVersion).toBeUndefined();
  });

  it('refuses a notice version that is no revision date, whatever the schema version', () => {
    for (const schemaVersion of [1, 2]) {
      for (const noticeVersion of ['v2', '2022-04-01T00:00:00Z', '', 20220401]) {
        expect(refusedFields(parseEvent(type, JSON.stringify(valid({ schemaVersion, noticeVersion }))))).toEqual(['noticeVersion']);
      }
    }
  });
});

describe('AccessRecordedEvent and the persons a statistics request counted', () => {
  const statistics = (overrides: Record<string, unknown> = {}) =>
    accessEvent({ operation: 'READ_STATISTICS', purpose: 'STATISTICS', contactIds: [], personsAggregated: 1200, ...overrides });

  it('carries the count, and no person', () => {
    expect(parseEvent(AccessRecordedEvent, JSON.stringify(statistics()))).toMatchObject({ ok: true, event: { contactIds: [], personsAggregated: 1200 } });
  });

  it('leaves it out of every other access', () => {
    const parsed = parseEvent(AccessRecordedEvent, JSON.stringify(accessEvent()));
    expect(parsed.ok && parsed.event.personsAggregated).toBeUndefined();
  });

  it.each([-1, 1.5, '12'])('refuses a count of %p', (personsAggregated) => {
    expect(refusedFields(parseEvent(AccessRecordedEvent, JSON.stringify(statistics({ personsAggregated }))))).toEqual(['personsAggregated']);
  });
});
