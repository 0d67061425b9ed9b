import type { AccessOperation } from './access-decision';
import { decideAccess, japanDate, type AccessRequest } from './eligibility';
import type { GroupCompanyFacts } from './group-company';
import { GROUP_RELATIONSHIPS, JOINT_USE_PURPOSES } from './joint-use-notice';

const at = new Date('2026-11-24T03:00:00Z');

function company(overrides: Partial<GroupCompanyFacts> = {}): GroupCompanyFacts {
  return {
    code: 'PSN-JP',
    country: 'JP',
    relationship: 'CONSOLIDATED_SUBSIDIARY',
    active: true,
    joinedOn: '2010-04-01',
    leftOn: null,
    ...overrides,
  };
}

function request(overrides: Partial<AccessRequest> = {}): AccessRequest {
  return { company: company(), purpose: 'PRODUCT_INFO', at, contactSuspended: false, operation: 'READ_CONTACT', ...overrides };
}

describe('decideAccess', () => {
  const personPurposes = JOINT_USE_PURPOSES.filter((purpose) => purpose !== 'STATISTICS');

  it.each(GROUP_RELATIONSHIPS.flatMap((relationship) => personPurposes.flatMap((purpose) => (['READ_CONTACT', 'SEARCH_CONTACTS'] as const).map((operation) => [relationship, purpose, operation]))))(
    'grants an active domestic %s for %s (%s)',
    (relationship, purpose, operation) => {
      expect(
        decideAccess(request({ company: company({ relationship: relationship as GroupCompanyFacts['relationship'] }), purpose, operation: operation as AccessOperation })),
      ).toEqual({ outcome: 'GRANTED', purpose });
    },
  );

  it('grants aggregates for STATISTICS, and only for it', () => {
    expect(decideAccess(request({ purpose: 'STATISTICS', operation: 'READ_STATISTICS', contactSuspended: null }))).toEqual({ outcome: 'GRANTED', purpose: 'STATISTICS' });
    expect(decideAccess(request({ purpose: 'MARKETING', operation: 'READ_STATISTICS', contactSuspended: null }))).toMatchObject({ reason: 'PURPOSE_NOT_ALLOWED' });
  });

  it.each(['READ_CONTACT', 'SEARCH_CONTACTS'] as const)('never grants a person for STATISTICS (%s)', (operation) => {
    expect(decideAccess(request({ purpose: 'STATISTICS', operation }))).toMatchObject({ reason: 'PURPOSE_NOT_ALLOWED' });
  });

  it('refuses a company the register does not know', () => {
    expect(decideAccess(request({ company: null }))).toEqual({ outcome: 'DENIED', reason: 'NOT_GROUP_MEMBER' });
  });

  it('refuses a company that has not joined yet', () => {
    expect(decideAccess(request({ company: company({ joinedOn: '2026-12-01' }) }))).toMatchObject({ reason: 'NOT_GROUP_MEMBER' });
  });

  it('refuses a company that left the group, from the day it left', () => {
    expect(decideAccess(request({ company: company({ leftOn: '2026-11-24' }) }))).toMatchObject({ reason: 'LEFT_GROUP' });
    expect(decideAccess(request({ company: company({ leftOn: '2026-11-25' }) }))).toMatchObject({ outcome: 'GRANTED' });
  });

  it('refuses a company in a relationship the notice does not name', () => {
    expect(decideAccess(request({ company: company({ relationship: 'BUSINESS_PARTNER' as GroupCompanyFacts['relationship'] }) }))).toEqual({
      outcome: 'DENIED',
      reason: 'NOT_GROUP_MEMBER',
    });
  });

  it('refuses an inactive company', () => {
    expect(decideAccess(request({ company: company({ active: false }) }))).toMatchObject({ reason: 'INACTIVE' });
  });

  it.each(['US', 'SG', 'GB', 'jp', ''])('refuses a company located outside Japan (%s)', (country) => {
    expect(decideAccess(request({ company: company({ country }) }))).toMatchObject({ reason: 'OUTSIDE_JAPAN' });
  });

  it.each([undefined, null, ''])('refuses a read without a declared purpose (%s)', (purpose) => {
    expect(decideAccess(request({ purpose }))).toMatchObject({ reason: 'PURPOSE_MISSING' });
  });

  it.each(['RECRUITMENT', 'HR_MANAGEMENT', 'product_info', 'PRODUCT_INFO '])('refuses a purpose outside joint use (%s)', (purpose) => {
    expect(decideAccess(request({ purpose }))).toMatchObject({ reason: 'PURPOSE_NOT_ALLOWED' });
  });

  it('refuses a suspended contact, but not a request that concerns no single contact', () => {
    expect(decideAccess(request({ contactSuspended: true }))).toMatchObject({ reason: 'CONTACT_SUSPENDED' });
    expect(decideAccess(request({ contactSuspended: null }))).toMatchObject({ outcome: 'GRANTED' });
  });

  it('reports the company problem before the purpose problem', () => {
    expect(decideAccess(request({ company: company({ country: 'US' }), purpose: undefined }))).toMatchObject({
      reason: 'OUTSIDE_JAPAN',
    });
  });

  it('reads register dates as Japanese calendar dates', () => {
    expect(japanDate(new Date('2026-11-24T14:59:59Z'))).toBe('2026-11-24');
    expect(japanDate(new Date('2026-11-24T15:00:00Z'))).toBe('2026-11-25');
  });
});
