import * as policy from '@registry/policy';
import type { ClassConstructor } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import {
  ACCESS_OPERATIONS,
  ACCESS_OUTCOMES,
  AccessRecordedEvent,
  ACQUISITION_METHODS,
  COMPANY_RELATIONSHIPS,
  ContactStateEvent,
  HELD_REASONS,
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
    schemaVersion: 3,
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
    acquisitionNoticeVersions: ['2022-04-01'],
    ...overrides,
  };
}

function provisionEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: randomUUID(),
    occurredAt: at,
    schemaVersion: 3,
    eventType: 'ProvisionRecorded',
    provisionId: randomUUID(),
    companyCode: 'EVENTS-JP',
    contactId: randomUUID(),
    version: 1,
    kind: 'DELIVERED',
    purposes: [...policy.JOINT_USE_PURPOSES],
    providedAt: at,
    noticeVersion: policy.JOINT_USE_NOTICE.version,
    acquisitionNoticeVersion: '2022-04-01',
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
const cases: [string, { currentSchemaVersion: number } & ClassConstructor<RecordedEvent>, typeof accessEvent, string][] = [
  ['AccessRecordedEvent', AccessRecordedEvent, accessEvent, 'acquisitionNoticeVersions'],
  ['ProvisionRecordedEvent', ProvisionRecordedEvent, provisionEvent, 'acquisitionNoticeVersion'],
];

describe.each(cases)('%s and the notice version', (_name, type, valid, acquisitionField) => {
  it('is at schema version 3, which records the notice in force and the one the person was told of joint use under', () => {
    expect(type.currentSchemaVersion).toBe(3);
    expect(parseEvent(type, JSON.stringify(valid()))).toMatchObject({ ok: true, event: { noticeVersion: policy.JOINT_USE_NOTICE.version } });
  });

  it('refuses a schema version 2 or 3 event without a notice version', () => {
    for (const schemaVersion of [2, 3]) {
      expect(refusedFields(parseEvent(type, JSON.stringify(without(valid({ schemaVersion }), 'noticeVersion'))))).toEqual(['noticeVersion']);
      expect(refusedFields(parseEvent(type, JSON.stringify(valid({ schemaVersion, noticeVersion: null }))))).toEqual(['noticeVersion']);
    }
  });

  it('refuses a schema version 3 event without the acquisition notice version, and accepts an older one without it', () => {
    expect(refusedFields(parseEvent(type, JSON.stringify(without(valid(), acquisitionField))))).toEqual([acquisitionField]);
    const older = parseEvent(type, JSON.stringify(without(valid({ schemaVersion: 2 }), acquisitionField)));
    expect(older.ok).toBe(true);
    expect(older.ok && (older.event as unknown as Record<string, unknown>)[acquisitionField]).toBeUndefined();
  });

  it('refuses an acquisition notice version that is no revision date', () => {
    const bad = acquisitionField === 'acquisitionNoticeVersion' ? ['v2', '2022-04-01T00:00:00Z', ''] : [['v2'], '2022-04-01', [20220401]];
    for (const value of bad) expect(refusedFields(parseEvent(type, JSON.stringify(valid({ [acquisitionField]: value }))))).toEqual([acquisitionField]);
  });

  it('accepts a schema version 1 event, from before the notice version was recorded, without one', () => {
    const parsed = parseEvent(type, JSON.stringify(without(without(valid({ schemaVersion: 1 }), 'noticeVersion'), acquisitionField)));
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.event.noticeVersion).toBeUndefined();
  });

  it('refuses a notice version that is no revision date, whatever the schema version', () => {
    for (const schemaVersion of [1, 2, 3]) {
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

describe('AccessRecordedEvent and the persons it names', () => {
  it('gives each contact named the notice revision it was told of joint use under, or null for an id that names none', () => {
    const parsed = parseEvent(AccessRecordedEvent, JSON.stringify(accessEvent({ outcome: 'DENIED', reason: 'CONTACT_NOT_FOUND', acquisitionNoticeVersions: [null] })));
    expect(parsed).toMatchObject({ ok: true, event: { acquisitionNoticeVersions: [null] } });
  });
});

describe('ContactStateEvent and the notice revision that covers the person', () => {
  const contactEvent = (overrides: Record<string, unknown> = {}) => ({
    eventId: randomUUID(),
    occurredAt: at,
    schemaVersion: 3,
    eventType: 'ContactRegistered',
    contactId: randomUUID(),
    version: 1,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20', companyCode: 'PSN-JP' },
    items: { name: { full: '山田 太郎' }, organizationName: 'Example KK', transactionHistory: [] },
    jointUse: 'ACTIVE',
    noticeVersion: '2026-11-29',
    ...overrides,
  });

  it('is at schema version 3, which carries the covering revision and, for a held person, why', () => {
    expect(ContactStateEvent.currentSchemaVersion).toBe(3);
    expect(parseEvent(ContactStateEvent, JSON.stringify(contactEvent()))).toMatchObject({ ok: true, event: { noticeVersion: '2026-11-29' } });
    for (const heldReason of HELD_REASONS) expect(parseEvent(ContactStateEvent, JSON.stringify(contactEvent({ jointUse: 'HELD', heldReason }))).ok).toBe(true);
    expect(refusedFields(parseEvent(ContactStateEvent, JSON.stringify(contactEvent({ jointUse: 'HELD', heldReason: 'BECAUSE' }))))).toEqual(['heldReason']);
  });

  it('refuses a schema version 3 event without a revision, and reads an older one without it as covered by the first', () => {
    expect(refusedFields(parseEvent(ContactStateEvent, JSON.stringify(without(contactEvent(), 'noticeVersion'))))).toEqual(['noticeVersion']);
    expect(refusedFields(parseEvent(ContactStateEvent, JSON.stringify(contactEvent({ noticeVersion: '29/11/2026' }))))).toEqual(['noticeVersion']);
    const older = parseEvent(ContactStateEvent, JSON.stringify(without(contactEvent({ schemaVersion: 2 }), 'noticeVersion')));
    expect(older.ok && older.event.noticeVersion).toBeUndefined();
    expect(policy.JOINT_USE_NOTICE_REVISIONS.covering(older.ok ? older.event.noticeVersion : 'x').version).toBe('2022-04-01');
  });
});
