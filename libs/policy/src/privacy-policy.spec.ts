import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { companyEligibility } from './eligibility';
import type { GroupCompanyFacts, } from './group-company';
import { GROUP_RELATIONSHIPS, JOINT_USE_COUNTRY } from './joint-use-notice';
import { JOINT_USE_NOTICE_REVISIONS, noticeInForce } from './notice-revisions';

// The notice must say what the privacy policy says. privacy-policy.txt is the published policy, byte for byte;
// this test reads it and compares the notice in force (the newest revision) with it. A change to either that
// the other does not follow fails here.

const POLICY = readFileSync(join(__dirname, 'privacy-policy.txt'), 'utf8');
const NOTICE = JOINT_USE_NOTICE_REVISIONS.all[JOINT_USE_NOTICE_REVISIONS.all.length - 1]!.notice;

/** The text between two headings of the policy (each a whole line). */
function section(from: string, to: string): string {
  const start = POLICY.indexOf(`\n${from}\n`);
  const end = POLICY.indexOf(`\n${to}\n`, start + 1);
  if (start < 0 || end < 0) throw new Error(`the policy has no section between "${from}" and "${to}"`);
  return POLICY.slice(start + from.length + 2, end);
}

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);

/** What follows a row's heading in the flattened table of section 5. */
function row(text: string, heading: string): string {
  const line = lines(text).find((candidate) => candidate.startsWith(`${heading} `));
  if (!line) throw new Error(`section 5 has no row "${heading}"`);
  return line.slice(heading.length + 1);
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9 };
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

const RESPONSIBLE = lines(section('1. Name, address, and name of representative of the Company', '2. Purpose of use of personal information'));
const PURPOSES_OF_USE = new Map(
  lines(section('2. Purpose of use of personal information', '3. Provision of personal data to third parties'))
    .map((line) => /^(\d+)\. (.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [Number(match[1]), match[2] ?? ''] as const),
);
const JOINT_USE = section('5. Joint use of personal data', '6. Use of statistically processed data');
const INQUIRIES = section('11. Contact for inquiries', 'Last revised on April 1, 2022');

/**
 * The only differences the notice makes to the policy's purposes, each an exact replacement in the policy's text:
 * - (iii): the definition of group companies by Art. 8(8) is left out, as the notice takes the preamble's narrower one
 *   (jointUsers.definition); and the parenthesis the policy repeats ("communication and transfer", then
 *   "transmission and transfer" of inquiries) is given once, in its first wording;
 * - (v): "Pasona Group Inc." is "the Company", as everywhere else in the notice.
 */
const PERMITTED_DIFFERENCES: Record<number, { policy: string; notice: string }[]> = {
  3: [
    {
      policy: ' (including Pasona Group\'s affiliates as defined in Article 8, Paragraph 8 of the "Regulations Concerning Terms, Forms and Preparation Methods of Financial Statements, etc."; hereinafter the same shall apply)',
      notice: '',
    },
    { policy: ' (including the transmission and transfer of inquiries to Pasona Group companies that provide the products and services)', notice: '' },
  ],
  5: [{ policy: 'Pasona Group Inc. and Pasona Group companies', notice: 'the Company and Pasona Group companies' }],
};

/** Policy item N as the notice must word it. */
function expectedWording(item: number): string {
  let text = PURPOSES_OF_USE.get(item);
  if (text === undefined) throw new Error(`the policy has no item ${item} in section 2`);
  for (const difference of PERMITTED_DIFFERENCES[item] ?? []) {
    if (!text.includes(difference.policy)) throw new Error(`item ${item} of the policy no longer says "${difference.policy}"`);
    text = text.replace(difference.policy, difference.notice);
  }
  return text;
}

describe('the notice in force says what the privacy policy says', () => {
  it('is compared with the newest revision, which is in force', () => {
    expect(noticeInForce(new Date()).notice).toBe(NOTICE);
    expect(POLICY.length).toBeGreaterThan(10_000);
  });

  it('uses items (iii) to (vii) of section 2, as section 5 says, for the purposes of joint use', () => {
    const stated = /jointly use personal data with respect to items \(([ivx]+)\) through \(([ivx]+)\) of "2\. Purpose of use of personal information"/.exec(JOINT_USE);
    expect(stated).not.toBeNull();
    const items = range(ROMAN[stated?.[1] ?? ''] ?? 0, ROMAN[stated?.[2] ?? ''] ?? 0);
    expect(row(JOINT_USE, 'Purposes of use by parties with whom personal information is shared')).toBe(`Items (${stated?.[1]}) through (${stated?.[2]}) of "2. Purpose of use of personal information"`);
    expect(NOTICE.purposes.map((purpose) => purpose.policyItem)).toEqual(items);
  });

  it.each(NOTICE.purposes.map((purpose) => [purpose.policyItem, purpose.code, purpose.wording.en] as const))(
    'words purpose (%i) %s as the policy does, but for the permitted differences',
    (item, _code, wording) => {
      expect(wording).toBe(expectedWording(item));
    },
  );

  it('answers requests for cooperation in (v), in Japanese too', () => {
    const marketing = NOTICE.purposes.find((purpose) => purpose.policyItem === 5);
    expect(marketing?.wording.en).toMatch(/^To reply to requests for cooperation in /);
    expect(marketing?.wording.ja).toContain('ご協力のご依頼への回答');
    expect(marketing?.wording.ja).not.toContain('お願い');
  });

  it('shares the items of section 5, in its order', () => {
    const items = row(JOINT_USE, 'Items of personal data to be shared').split(', ');
    const capitalised = items.map((item) => item.charAt(0).toUpperCase() + item.slice(1));
    expect(NOTICE.sharedItems.map((item) => item.label.en)).toEqual(capitalised);
  });

  it('states the scope of joint users as section 5 does, and excludes companies outside Japan', () => {
    const scope = row(JOINT_USE, 'Scope of parties with which Pasona Group companies will share personal data with');
    expect(NOTICE.jointUsers.description.en).toBe(scope);
    expect(scope).toMatch(/; however, companies located outside of Japan are excluded\.$/);
    expect(NOTICE.jointUsers.country).toBe('JP');
    expect(NOTICE.jointUsers.description.ja).toContain('日本国外に所在する会社を除きます');
  });

  it('states the method of acquisition as section 5 does, and names each method in its words', () => {
    const method = row(JOINT_USE, 'Method of acquisition');
    expect(NOTICE.acquisition.description.en).toBe(method);
    for (const { label } of NOTICE.acquisition.methods) expect(method.toLowerCase()).toContain(label.en.toLowerCase());
  });

  it('names the responsible company, its address and representative as section 1 does', () => {
    expect(RESPONSIBLE).toHaveLength(3);
    const [name, address, representative] = RESPONSIBLE;
    expect(NOTICE.responsibleCompany.name.en).toBe(name);
    expect(NOTICE.responsibleCompany.address.en).toBe(address);
    expect(NOTICE.responsibleCompany.representative.en).toBe(representative);
    // The postal code is the one section 11 gives the same address.
    expect(INQUIRIES).toContain(`(〒${NOTICE.responsibleCompany.postalCode})`);
  });

  it('gives the contact for joint use of section 5, and the one for requests of section 11', () => {
    const sentence = lines(JOINT_USE).find((line) => line.startsWith('Please contact the following for inquiries regarding the joint use'));
    expect(NOTICE.responsibleCompany.inquiries.en).toBe(sentence);
    expect(JOINT_USE).toContain(`E-MAIL : ${NOTICE.responsibleCompany.inquiryEmail}\n`);
    expect(INQUIRIES).toContain(`E-MAIL : ${NOTICE.disclosureRequests.email}\n`);
  });
});

describe('group companies, read narrowly', () => {
  const company = (relationship: string): GroupCompanyFacts =>
    ({ code: 'X-JP', country: JOINT_USE_COUNTRY, relationship, active: true, joinedOn: '2020-04-01', leftOn: null }) as GroupCompanyFacts;
  const at = new Date('2026-11-30T03:00:00Z');

  it('is the preamble’s definition, which the notice states on its own in both languages', () => {
    expect(POLICY).toContain('Pasona Group companies (meaning consolidated subsidiaries and equity method affiliates)');
    expect(NOTICE.jointUsers.definition?.en).toContain('consolidated subsidiaries and equity-method affiliates');
    expect(NOTICE.jointUsers.definition?.en).toContain('Article 8, Paragraph 8');
    expect(NOTICE.jointUsers.definition?.ja).toContain('連結子会社および持分法適用関連会社');
  });

  it('is what the eligibility rule admits: the holding company, consolidated subsidiaries and equity-method affiliates, nothing wider', () => {
    expect(NOTICE.jointUsers.relationships.map((relationship) => relationship.code)).toEqual(['HOLDING', 'CONSOLIDATED_SUBSIDIARY', 'EQUITY_METHOD_AFFILIATE']);
    expect([...GROUP_RELATIONSHIPS]).toEqual(NOTICE.jointUsers.relationships.map((relationship) => relationship.code));
    for (const relationship of GROUP_RELATIONSHIPS) expect(companyEligibility(company(relationship), at)).toBeNull();
    // An affiliate under Art. 8(8) that is neither a subsidiary nor an equity-method affiliate is no joint user.
    expect(companyEligibility(company('AFFILIATE'), at)).toBe('NOT_GROUP_MEMBER');
    expect(companyEligibility({ ...company('CONSOLIDATED_SUBSIDIARY'), country: 'SG' }, at)).toBe('OUTSIDE_JAPAN');
  });
});
