import { companyEligibility } from './eligibility';
import type { GroupCompanyFacts } from './group-company';
import {
  ACQUISITION_METHODS,
  GROUP_RELATIONSHIPS,
  JOINT_USE_COUNTRY,
  JOINT_USE_PURPOSES,
  NOTICE_REVISIONS,
  NOTICE_VERSION_PATTERN,
  SHARED_ITEMS,
  type NoticeText,
} from './joint-use-notice';
import { JOINT_USE_NOTICE } from './notice-revisions';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Every bilingual text in the notice, with where it sits. */
function texts(value: unknown, path = 'notice'): [string, NoticeText][] {
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record['ja'] === 'string' && typeof record['en'] === 'string') return [[path, record as unknown as NoticeText]];
  return Object.entries(record).flatMap(([key, nested]) => texts(nested, `${path}.${key}`));
}

function frozenThroughout(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(frozenThroughout);
}

describe('the joint-use notice', () => {
  it('is versioned by the date its wording took effect', () => {
    expect(JOINT_USE_NOTICE.version).toMatch(NOTICE_VERSION_PATTERN);
    expect(new Date(`${JOINT_USE_NOTICE.version}T00:00:00Z`).toISOString().slice(0, 10)).toBe(JOINT_USE_NOTICE.version);
    expect(JOINT_USE_NOTICE.version <= new Date().toISOString().slice(0, 10)).toBe(true);
  });

  it('accepts only calendar dates as versions', () => {
    for (const good of ['2022-04-01', '2030-12-31']) expect(good).toMatch(NOTICE_VERSION_PATTERN);
    for (const bad of ['2022-4-1', '2022-13-01', '2022-04-32', '2022-04-01T00:00:00Z', 'v2', '']) expect(bad).not.toMatch(NOTICE_VERSION_PATTERN);
  });

  it('states the nine items of section 5, in the policy order', () => {
    expect([...SHARED_ITEMS]).toEqual(['name', 'organizationName', 'address', 'department', 'title', 'email', 'phone', 'fax', 'transactionHistory']);
  });

  it('states items (iii) to (vii) of the purposes of use, one code each', () => {
    expect(JOINT_USE_NOTICE.purposes.map((purpose) => purpose.policyItem)).toEqual([3, 4, 5, 6, 7]);
    expect(new Set(JOINT_USE_PURPOSES).size).toBe(JOINT_USE_PURPOSES.length);
    for (const code of JOINT_USE_PURPOSES) expect(code).toMatch(/^[A-Z][A-Z_]*[A-Z]$/);
  });

  it('limits joint use to group companies located in Japan', () => {
    expect(JOINT_USE_COUNTRY).toBe('JP');
    expect([...GROUP_RELATIONSHIPS]).toEqual(['HOLDING', 'CONSOLIDATED_SUBSIDIARY', 'EQUITY_METHOD_AFFILIATE']);
    expect(JOINT_USE_NOTICE.jointUsers.description.ja).toContain('日本国外に所在する会社を除きます');
    expect(JOINT_USE_NOTICE.jointUsers.description.en).toContain('outside of Japan are excluded');
  });

  it('drives the company half of the eligibility rule', () => {
    const at = new Date('2026-11-24T03:00:00Z');
    const company = (overrides: Partial<GroupCompanyFacts>): GroupCompanyFacts => ({
      code: 'X-JP',
      country: JOINT_USE_COUNTRY,
      relationship: 'CONSOLIDATED_SUBSIDIARY',
      active: true,
      joinedOn: '2020-04-01',
      leftOn: null,
      ...overrides,
    });
    for (const relationship of GROUP_RELATIONSHIPS) expect(companyEligibility(company({ relationship }), at)).toBeNull();
    expect(companyEligibility(company({ country: 'US' }), at)).toBe('OUTSIDE_JAPAN');
  });

  it('names the company responsible, its representative, address and contacts', () => {
    const responsible = JOINT_USE_NOTICE.responsibleCompany;
    expect(responsible.name).toEqual({ ja: 'パソナグループ株式会社', en: 'Pasona Group Inc.' });
    expect(responsible.postalCode).toMatch(/^\d{3}-\d{4}$/);
    expect(responsible.representative.ja).toContain('南部 靖之');
    expect(responsible.representative.en).toContain('Yasuyuki Nambu');
    for (const email of [responsible.inquiryEmail, JOINT_USE_NOTICE.disclosureRequests.email]) expect(email).toMatch(/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/);
  });

  it('lists the methods of acquisition the registry records', () => {
    expect([...ACQUISITION_METHODS]).toEqual(['BUSINESS_CARD', 'BUSINESS_DISCUSSION', 'TRANSACTION_APPLICATION', 'EVENT_APPLICATION', 'WEB_INQUIRY']);
  });

  it('words every statement of every revision in Japanese and in English', () => {
    const all = texts(NOTICE_REVISIONS);
    expect(all.length).toBeGreaterThan(30);
    for (const [path, text] of all) {
      expect({ path, ja: text.ja.trim().length > 0 && JAPANESE.test(text.ja) }).toEqual({ path, ja: true });
      expect({ path, en: text.en.trim().length > 0 && !JAPANESE.test(text.en) }).toEqual({ path, en: true });
    }
  });

  it('cannot be changed at run time, and the derived lists neither', () => {
    expect(frozenThroughout(JOINT_USE_NOTICE)).toBe(true);
    expect(frozenThroughout(NOTICE_REVISIONS)).toBe(true);
    for (const list of [SHARED_ITEMS, JOINT_USE_PURPOSES, GROUP_RELATIONSHIPS, ACQUISITION_METHODS]) expect(Object.isFrozen(list)).toBe(true);
    expect(() => (JOINT_USE_PURPOSES as string[]).push('RECRUITMENT')).toThrow(TypeError);
  });

  it('is plain data, published as JSON without loss', () => {
    expect(JSON.parse(JSON.stringify(JOINT_USE_NOTICE))).toEqual(JOINT_USE_NOTICE);
  });
});
