import { JOINT_USE_NOTICE, PURPOSES_OF_USE } from '@registry/policy';
import { disclosurePage } from './disclosure-page';
import type { AnsweredDisclosure } from './disclosure-answer';
import type { RecordOfProvisionDisclosure } from './record-of-provision.gathering';

const contactId = '0b5e6f2c-3f0a-4d8e-9a51-2c7d1e4b8a90';
const bundleWith = (record: RecordOfProvisionDisclosure): AnsweredDisclosure => ({
  requestId: 'r-1',
  requestType: 'DISCLOSURE_OF_PROVISION_RECORD',
  preparedAt: '2026-11-29T00:00:00.000Z',
  preparedBy: 'privacy-officer',
  notice: JOINT_USE_NOTICE,
  purposesOfUse: PURPOSES_OF_USE,
  persons: [{ contactId, contact: null, acquisitions: [], jointUseConsents: [], corrections: [], sharing: null, recordOfProvision: record }],
  deliveryMethod: 'ELECTRONIC',
  refusal: null,
});
const provision = { companyCode: 'STAFFING-JP', kind: 'DELIVERED', purposes: ['PRODUCT_INFO'], providedAt: '2026-11-01T00:00:00.000Z' };

describe('disclosurePage: the record of provision', () => {
  it('says a whole record is complete, with its count', () => {
    const page = disclosurePage(bundleWith({ contactId, provisions: [provision], accesses: [], complete: true, entries: 1, totalEntries: 1, limit: 50_000, rest: null }));
    expect(page).toContain('The complete record: 1 entry.');
    expect(page).not.toContain('is cut');
  });

  it('says plainly that a longer record was cut, how many of how many, and where the rest is', () => {
    const route = `/audit/contacts/${contactId}/record-of-provision?cursor=MTIuMzQ`;
    const page = disclosurePage(bundleWith({ contactId, provisions: [provision], accesses: [], complete: false, entries: 1, totalEntries: 7, limit: 1, rest: { route, cursor: 'MTIuMzQ' } }));
    expect(page).toContain('全7件のうち、最初の1件');
    expect(page).toContain('it holds the first 1 of 7 entries (the bound is 1)');
    expect(page).toContain(`<code>GET ${route}</code>`);
    expect(page).toContain('STAFFING-JP');
  });
});
