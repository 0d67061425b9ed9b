import type { GroupCompanyEntity } from '../companies/group-company.entity';
import { receivesContacts } from './delivery.service';

const at = new Date('2026-11-29T03:00:00Z');
const company = (overrides: Partial<GroupCompanyEntity>): GroupCompanyEntity =>
  ({ code: 'X1', legalName: 'X KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', leftOn: null, active: true, version: 1, eligible: true, ...overrides }) as GroupCompanyEntity;

describe('receivesContacts', () => {
  it('delivers to a company the rule allows today and whose last recorded transition made it eligible', () => {
    expect(receivesContacts(company({}), at)).toBe(true);
  });

  it('follows the rule alone for a company whose eligibility was never decided', () => {
    expect(receivesContacts(company({ eligible: null }), at)).toBe(true);
    expect(receivesContacts(company({ eligible: null, country: 'US' }), at)).toBe(false);
  });

  it('waits for the backfill of a company whose joining date arrived before the scheduled check saw it', () => {
    expect(receivesContacts(company({ eligible: false }), at)).toBe(false);
  });

  it('stops at once for a company whose leaving date passed, before the scheduled check withdraws', () => {
    expect(receivesContacts(company({ leftOn: '2026-11-29' }), at)).toBe(false);
  });
});
