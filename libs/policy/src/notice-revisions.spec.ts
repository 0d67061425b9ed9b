import type { GroupCompanyFacts } from './group-company';
import { NOTICE_REVISIONS, type JointUseNoticeShape, type NoticeChangeClass, type NoticeRevision } from './joint-use-notice';
import { classifyChanges, JOINT_USE_NOTICE, NoticeRevisions, noticeInForce, noticeRevision, revisionProblems, scopeReaches } from './notice-revisions';

const FIRST = NOTICE_REVISIONS[0]!.notice;
const SUMMARY = { ja: '改定。', en: 'Revised.' };

/** A synthetic revision: the first revision's content with changes, dated as given. */
function revision(version: string, publishedOn: string, changes: NoticeChangeClass[], edit: (notice: JointUseNoticeShape) => JointUseNoticeShape = (n) => n): NoticeRevision {
  return { version, publishedOn, effectiveFrom: version, changes, summary: SUMMARY, notice: { ...edit(FIRST), version } };
}
const first = (): NoticeRevision => revision('2022-04-01', '2022-04-01', []);

const withoutFax = (notice: JointUseNoticeShape): JointUseNoticeShape => ({ ...notice, sharedItems: notice.sharedItems.filter((item) => item.key !== 'fax') });
const withoutAffiliates = (notice: JointUseNoticeShape): JointUseNoticeShape => ({
  ...notice,
  jointUsers: { ...notice.jointUsers, relationships: notice.jointUsers.relationships.filter((r) => r.code !== 'EQUITY_METHOD_AFFILIATE') },
});
const newAddress = (notice: JointUseNoticeShape): JointUseNoticeShape => ({
  ...notice,
  responsibleCompany: { ...notice.responsibleCompany, address: { ja: '東京都千代田区大手町二丁目6番2号', en: '6-2, Otemachi 2-chome, Chiyoda-ku, Tokyo' } },
});
const newCompany = (notice: JointUseNoticeShape): JointUseNoticeShape => ({
  ...notice,
  responsibleCompany: { ...notice.responsibleCompany, name: { ja: 'パソナ株式会社', en: 'Pasona Inc.' } },
});
const withoutStatistics = (notice: JointUseNoticeShape): JointUseNoticeShape => ({ ...notice, purposes: notice.purposes.filter((p) => p.code !== 'STATISTICS') });

describe('classifyChanges', () => {
  it('finds nothing between a revision and itself', () => {
    expect(classifyChanges(FIRST, { ...FIRST, version: '2030-01-01' })).toEqual([]);
  });

  it('calls a change of address, representative or contact DETAILS', () => {
    expect(classifyChanges(FIRST, newAddress(FIRST))).toEqual(['DETAILS']);
    expect(classifyChanges(FIRST, { ...FIRST, responsibleCompany: { ...FIRST.responsibleCompany, inquiryEmail: 'joint-use@example.jp' } })).toEqual(['DETAILS']);
  });

  it('calls a reworded purpose DETAILS, and a purpose added or removed PURPOSES', () => {
    const reworded = { ...FIRST, purposes: FIRST.purposes.map((p, i) => (i === 2 ? { ...p, wording: { ja: '回答のため', en: 'To reply' } } : p)) };
    expect(classifyChanges(FIRST, reworded)).toEqual(['DETAILS']);
    expect(classifyChanges(FIRST, withoutStatistics(FIRST))).toEqual(['PURPOSES']);
  });

  it('calls another responsible company RESPONSIBLE_COMPANY', () => {
    expect(classifyChanges(FIRST, newCompany(FIRST))).toEqual(['RESPONSIBLE_COMPANY']);
  });

  it('tells items and joint users added from those taken away', () => {
    expect(classifyChanges(withoutFax(FIRST), FIRST)).toEqual(['ITEMS_ADDED']);
    expect(classifyChanges(FIRST, withoutFax(FIRST))).toEqual(['SCOPE_NARROWED']);
    expect(classifyChanges(withoutAffiliates(FIRST), FIRST)).toEqual(['JOINT_USERS_WIDENED']);
    expect(classifyChanges(FIRST, withoutAffiliates(FIRST))).toEqual(['SCOPE_NARROWED']);
    expect(classifyChanges(FIRST, { ...FIRST, jointUsers: { ...FIRST.jointUsers, country: 'SG' } })).toEqual(['JOINT_USERS_WIDENED', 'SCOPE_NARROWED']);
  });
});

describe('revisionProblems', () => {
  it('accepts the published revisions', () => {
    expect(revisionProblems(NOTICE_REVISIONS)).toEqual([]);
  });

  it('lets a change of details take effect the day it is published', () => {
    expect(revisionProblems([first(), revision('2026-12-01', '2026-12-01', ['DETAILS'], newAddress)])).toEqual([]);
  });

  it('makes a change of purposes or of the responsible company wait for a later date, naming the revision', () => {
    expect(revisionProblems([first(), revision('2026-12-01', '2026-12-01', ['PURPOSES'], withoutStatistics)])).toEqual([
      'notice revision 2 (2026-12-01): changes PURPOSES, which take effect only from a date after publication (effectiveFrom 2026-12-01, publishedOn 2026-12-01)',
    ]);
    expect(revisionProblems([first(), revision('2026-12-01', '2026-12-01', ['RESPONSIBLE_COMPANY'], newCompany)])).toHaveLength(1);
    expect(revisionProblems([first(), revision('2027-01-01', '2026-12-01', ['PURPOSES'], withoutStatistics)])).toEqual([]);
    expect(revisionProblems([first(), revision('2027-01-01', '2026-12-01', ['RESPONSIBLE_COMPANY'], newCompany)])).toEqual([]);
  });

  it('lets a rewording of purposes be declared a change of purposes, and then holds it to the same rule', () => {
    const reworded = (n: JointUseNoticeShape) => ({ ...n, purposes: n.purposes.map((p, i) => (i === 2 ? { ...p, wording: { ja: '回答のため', en: 'To reply' } } : p)) });
    expect(revisionProblems([first(), revision('2026-12-01', '2026-12-01', ['DETAILS'], reworded)])).toEqual([]);
    expect(revisionProblems([first(), revision('2026-12-01', '2026-12-01', ['DETAILS', 'PURPOSES'], reworded)])[0]).toMatch(/changes PURPOSES, which take effect only from a date after/);
  });

  it('refuses a change left undeclared, or one declared that the content does not show', () => {
    expect(revisionProblems([first(), revision('2026-12-01', '2026-12-01', ['DETAILS'], withoutFax)])).toEqual([
      'notice revision 2 (2026-12-01): changes SCOPE_NARROWED but does not declare it',
      'notice revision 2 (2026-12-01): declares DETAILS but its content shows no such change',
    ]);
    expect(revisionProblems([revision('2022-04-01', '2022-04-01', [], withoutFax), revision('2026-12-01', '2026-12-01', [], (n) => n)])).toContain(
      'notice revision 2 (2026-12-01): changes ITEMS_ADDED but does not declare it',
    );
  });

  it('refuses revisions out of order, effective before publication, or badly dated', () => {
    expect(revisionProblems([first(), revision('2021-12-01', '2021-12-01', ['DETAILS'], newAddress)])).toContain(
      "notice revision 2 (2021-12-01): effectiveFrom 2021-12-01 must be after the previous revision's (2022-04-01)",
    );
    expect(revisionProblems([first(), revision('2026-12-01', '2026-12-05', ['DETAILS'], newAddress)])).toContain(
      'notice revision 2 (2026-12-01): effectiveFrom 2026-12-01 precedes publishedOn 2026-12-05',
    );
    expect(revisionProblems([first(), revision('2026-02-30', '2026-02-01', ['DETAILS'], newAddress)])[0]).toMatch(/version must be a calendar date/);
    expect(revisionProblems([])).toEqual(['the notice has no revision']);
  });

  it('stops a bad list from being loaded, naming what is wrong', () => {
    expect(() => new NoticeRevisions([first(), revision('2026-12-01', '2026-12-01', ['PURPOSES'], withoutStatistics)])).toThrow(
      /The joint-use notice's revisions are not valid:\n- notice revision 2 \(2026-12-01\): changes PURPOSES/,
    );
  });
});

describe('NoticeRevisions', () => {
  // Published on December 1 for January 1: purposes change; on February 1 fax is added.
  const revisions = new NoticeRevisions([
    revision('2022-04-01', '2022-04-01', [], withoutFax),
    revision('2027-01-01', '2026-12-01', ['PURPOSES'], (n) => withoutStatistics(withoutFax(n))),
    revision('2027-02-01', '2027-02-01', ['ITEMS_ADDED'], withoutStatistics),
  ]);

  it('keeps the previous revision in force until the new one takes effect, by the Japanese calendar', () => {
    expect(revisions.inForce(new Date('2026-12-15T00:00:00Z')).version).toBe('2022-04-01');
    expect(revisions.inForce(new Date('2026-12-31T14:59:59Z')).version).toBe('2022-04-01');
    expect(revisions.inForce(new Date('2026-12-31T15:00:00Z')).version).toBe('2027-01-01');
    expect(revisions.inForce(new Date('2027-03-01T00:00:00Z')).version).toBe('2027-02-01');
    expect(revisions.inForce(new Date('2020-01-01T00:00:00Z')).version).toBe('2022-04-01');
    expect(revisions.publishedBy('2026-12-15').map((r) => r.version)).toEqual(['2022-04-01', '2027-01-01']);
  });

  it('finds a revision by version, and the one covering a person', () => {
    expect(revisions.revision('2027-01-01')?.changes).toEqual(['PURPOSES']);
    expect(revisions.revision('2027-01-02')).toBeUndefined();
    expect(revisions.covering(undefined).version).toBe('2022-04-01');
    expect(revisions.covering(null).version).toBe('2022-04-01');
    expect(revisions.covering('2027-01-15').version).toBe('2027-01-01');
  });

  it('shares an added item only with persons covered by the revision that added it', () => {
    const at = new Date('2027-03-01T00:00:00Z');
    expect(revisions.scopeFor(null, at).items).not.toContain('fax');
    expect(revisions.scopeFor('2027-01-01', at).items).not.toContain('fax');
    expect(revisions.scopeFor('2027-02-01', at).items).toContain('fax');
    // Purposes follow the revision in force, whoever the person.
    expect(revisions.scopeFor(null, at).inForce.notice.purposes.map((p) => p.code)).not.toContain('STATISTICS');
  });

  it('lets newly admitted joint users reach only persons covered by the revision that admitted them', () => {
    const widened = new NoticeRevisions([revision('2022-04-01', '2022-04-01', [], withoutAffiliates), revision('2027-02-01', '2027-02-01', ['JOINT_USERS_WIDENED'])]);
    const at = new Date('2027-03-01T00:00:00Z');
    const affiliate: Pick<GroupCompanyFacts, 'relationship' | 'country'> = { relationship: 'EQUITY_METHOD_AFFILIATE', country: 'JP' };
    const subsidiary: Pick<GroupCompanyFacts, 'relationship' | 'country'> = { relationship: 'CONSOLIDATED_SUBSIDIARY', country: 'JP' };
    expect(scopeReaches(widened.scopeFor(null, at), affiliate)).toBe(false);
    expect(scopeReaches(widened.scopeFor(null, at), subsidiary)).toBe(true);
    expect(scopeReaches(widened.scopeFor('2027-02-01', at), affiliate)).toBe(true);
    expect(scopeReaches(widened.scopeFor('2027-02-01', at), { ...affiliate, country: 'US' })).toBe(false);
  });

  it('narrows for everyone once a narrowing revision takes effect', () => {
    const narrowed = new NoticeRevisions([first(), revision('2027-02-01', '2027-02-01', ['SCOPE_NARROWED'], withoutFax)]);
    expect(narrowed.scopeFor(null, new Date('2027-03-01T00:00:00Z')).items).not.toContain('fax');
    expect(narrowed.scopeFor(null, new Date('2027-01-01T00:00:00Z')).items).toContain('fax');
  });
});

describe('the published revisions', () => {
  it('keep the first as it was published, and correct its wording in the second', () => {
    expect(NOTICE_REVISIONS.map((r) => [r.version, r.publishedOn, r.effectiveFrom, r.changes])).toEqual([
      ['2022-04-01', '2022-04-01', '2022-04-01', []],
      ['2026-11-29', '2026-11-29', '2026-11-29', ['DETAILS']],
    ]);
    expect(NOTICE_REVISIONS[0]?.notice.purposes[2]?.wording.en).toMatch(/^To ask for cooperation/);
    expect(NOTICE_REVISIONS[1]?.notice.purposes[2]?.wording.en).toMatch(/^To reply to requests for cooperation/);
  });

  it('answer noticeInForce and noticeRevision', () => {
    expect(noticeInForce(new Date('2025-01-01T00:00:00Z')).version).toBe('2022-04-01');
    expect(noticeInForce(new Date('2026-11-28T15:00:00Z')).version).toBe('2026-11-29');
    expect(noticeRevision('2022-04-01')?.notice).toBe(NOTICE_REVISIONS[0]?.notice);
    expect(noticeRevision('2022-04-02')).toBeUndefined();
    expect(JOINT_USE_NOTICE).toBe(noticeInForce(new Date()).notice);
  });
});
