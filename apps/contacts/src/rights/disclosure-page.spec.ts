import { JOINT_USE_NOTICE, PURPOSES_OF_USE } from '@registry/policy';
import { DISCLOSURE_PAGE_CSP, disclosurePage } from './disclosure-page';
import type { AnsweredDisclosure } from './disclosure-answer';
import type { DisclosedCardImage } from './disclosure.service';
import type { RecordOfProvisionDisclosure } from './record-of-provision.gathering';

const contactId = '0b5e6f2c-3f0a-4d8e-9a51-2c7d1e4b8a90';
const bundleWith = (record: RecordOfProvisionDisclosure, cardImages: DisclosedCardImage[] = []): AnsweredDisclosure => ({
  requestId: 'r-1',
  requestType: 'DISCLOSURE_OF_PROVISION_RECORD',
  preparedAt: '2026-11-29T00:00:00.000Z',
  preparedBy: 'privacy-officer',
  notice: JOINT_USE_NOTICE,
  purposesOfUse: PURPOSES_OF_USE,
  persons: [{ contactId, contact: null, acquisitions: [], cardImages, jointUseConsents: [], corrections: [], sharing: null, recordOfProvision: record }],
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

describe('disclosurePage: card images', () => {
  const record: RecordOfProvisionDisclosure = { contactId, provisions: [], accesses: [], complete: true, entries: 0, totalEntries: 0, limit: 50_000, rest: null };
  const image = (mediaType: string, contentBase64: string): DisclosedCardImage => ({
    acquisitionId: '7d1f7a1e-2a4b-4c55-8f0e-1b2c3d4e5f60',
    companyCode: 'TRADING-JP',
    mediaType,
    sizeBytes: 4,
    sha256: 'ab'.repeat(32),
    uploadedBy: 'sales-1',
    uploadedAt: '2026-11-29T00:00:00.000Z',
    contentBase64,
  });

  it('shows a JPEG or PNG inline as a data: URI and lists a PDF with its facts but not inline', () => {
    const page = disclosurePage(bundleWith(record, [image('image/png', 'iVBORw0KGgo='), image('application/pdf', 'JVBERi0=')]));
    expect(page).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(page).not.toContain('data:application/pdf');
    expect(page).toContain('application/pdf');
    expect(page).toContain('ab'.repeat(32));
  });

  it('has a policy that allows data: images and nothing fetched or run', () => {
    expect(DISCLOSURE_PAGE_CSP).toContain('img-src data:');
    expect(DISCLOSURE_PAGE_CSP).toContain("default-src 'none'");
    expect(DISCLOSURE_PAGE_CSP).not.toMatch(/script-src|'unsafe-eval'|img-src[^;]*(https?:|\*)/);
  });
});
