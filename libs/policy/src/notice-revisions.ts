import { japanDate } from './calendar';
import type { GroupCompanyFacts } from './group-company';
import {
  GROUP_RELATIONSHIPS,
  JOINT_USE_PURPOSES,
  NOTICE_CHANGE_CLASSES,
  NOTICE_REVISIONS,
  NOTICE_VERSION_PATTERN,
  SHARED_ITEMS,
  type JointUseNoticeShape,
  type NoticeChangeClass,
  type NoticeRevision,
  type SharedItem,
} from './joint-use-notice';

/** Changes that take effect only from a date announced in advance: effectiveFrom must be after publishedOn. */
export const ANNOUNCED_IN_ADVANCE: readonly NoticeChangeClass[] = Object.freeze(['PURPOSES', 'RESPONSIBLE_COMPANY']);

/** Changes that reach only persons told of the revision (acquired under it, or by consent). */
export const PER_PERSON: readonly NoticeChangeClass[] = Object.freeze(['ITEMS_ADDED', 'JOINT_USERS_WIDENED']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const codes = <T>(list: readonly T[], key: (entry: T) => string | number) => list.map(key);
const added = (before: readonly (string | number)[], after: readonly (string | number)[]) => after.some((code) => !before.includes(code));
const removed = (before: readonly (string | number)[], after: readonly (string | number)[]) => before.some((code) => !after.includes(code));

/**
 * The classes of change between two revisions' content, as far as the content shows them. Reworded purposes
 * with the same codes count as DETAILS (a wording correction); a revision whose rewording changes what a
 * purpose allows must declare PURPOSES itself, which validateRevisions permits wherever the purposes differ.
 */
export function classifyChanges(before: JointUseNoticeShape, after: JointUseNoticeShape): NoticeChangeClass[] {
  const found = new Set<NoticeChangeClass>();
  const { version: _b, ...restBefore } = before;
  const { version: _a, ...restAfter } = after;
  if (same(restBefore, restAfter)) return [];

  const itemsBefore = codes(before.sharedItems, (item) => item.key);
  const itemsAfter = codes(after.sharedItems, (item) => item.key);
  if (added(itemsBefore, itemsAfter)) found.add('ITEMS_ADDED');
  if (removed(itemsBefore, itemsAfter)) found.add('SCOPE_NARROWED');

  const relationshipsBefore = codes(before.jointUsers.relationships, (relationship) => relationship.code);
  const relationshipsAfter = codes(after.jointUsers.relationships, (relationship) => relationship.code);
  if (added(relationshipsBefore, relationshipsAfter) || before.jointUsers.country !== after.jointUsers.country) found.add('JOINT_USERS_WIDENED');
  if (removed(relationshipsBefore, relationshipsAfter) || before.jointUsers.country !== after.jointUsers.country) found.add('SCOPE_NARROWED');

  const purposeKey = (purpose: JointUseNoticeShape['purposes'][number]) => `${purpose.code}:${purpose.policyItem}`;
  if (!same(codes(before.purposes, purposeKey), codes(after.purposes, purposeKey))) found.add('PURPOSES');

  if (!same(before.responsibleCompany.name, after.responsibleCompany.name)) found.add('RESPONSIBLE_COMPANY');

  const purposesBefore = codes(before.purposes, (purpose) => purpose.code);
  const purposesAfter = codes(after.purposes, (purpose) => purpose.code);
  // Whatever else differs is wording or the responsible company's details.
  const details = (notice: JointUseNoticeShape) => ({
    ...notice,
    version: undefined,
    sharedItems: notice.sharedItems.filter((item) => itemsBefore.includes(item.key) && itemsAfter.includes(item.key)),
    jointUsers: { ...notice.jointUsers, relationships: notice.jointUsers.relationships.filter((r) => relationshipsBefore.includes(r.code) && relationshipsAfter.includes(r.code)), country: undefined },
    purposes: notice.purposes.filter((purpose) => purposesBefore.includes(purpose.code) && purposesAfter.includes(purpose.code)).map((purpose) => purpose.wording),
    responsibleCompany: { ...notice.responsibleCompany, name: undefined },
  });
  if (!same(details(before), details(after))) found.add('DETAILS');
  return NOTICE_CHANGE_CLASSES.filter((change) => found.has(change));
}

const isDate = (value: string) => NOTICE_VERSION_PATTERN.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/**
 * The problems of a revision list, each naming the revision; empty when the list may be published:
 * dated in order, each revision's declared changes covering what its content changes, purposes and the
 * responsible company changed only from a date after publication, and every code one the code knows.
 */
export function revisionProblems(revisions: readonly NoticeRevision[]): string[] {
  const problems: string[] = [];
  if (revisions.length === 0) return ['the notice has no revision'];
  revisions.forEach((revision, index) => {
    const name = `notice revision ${index + 1} (${revision.version})`;
    const problem = (text: string) => problems.push(`${name}: ${text}`);
    for (const [field, value] of [['version', revision.version], ['publishedOn', revision.publishedOn], ['effectiveFrom', revision.effectiveFrom]] as const) {
      if (!isDate(value)) problem(`${field} must be a calendar date YYYY-MM-DD, not "${value}"`);
    }
    if (revision.version !== revision.effectiveFrom) problem(`version must be effectiveFrom (${revision.effectiveFrom})`);
    if (revision.notice.version !== revision.version) problem(`notice.version must be the revision's version, not "${revision.notice.version}"`);
    if (revision.effectiveFrom < revision.publishedOn) problem(`effectiveFrom ${revision.effectiveFrom} precedes publishedOn ${revision.publishedOn}`);
    for (const change of revision.changes) if (!(NOTICE_CHANGE_CLASSES as readonly string[]).includes(change)) problem(`unknown change class "${change}"`);
    for (const item of revision.notice.sharedItems) if (!(SHARED_ITEMS as readonly string[]).includes(item.key)) problem(`item "${item.key}" is not one the registry knows`);
    for (const purpose of revision.notice.purposes) if (!(JOINT_USE_PURPOSES as readonly string[]).includes(purpose.code)) problem(`purpose "${purpose.code}" is not one the registry knows`);
    for (const relationship of revision.notice.jointUsers.relationships) {
      if (!(GROUP_RELATIONSHIPS as readonly string[]).includes(relationship.code)) problem(`relationship "${relationship.code}" is not one the registry knows`);
    }

    const previous = revisions[index - 1];
    if (!previous) {
      if (revision.changes.length > 0) problem('the first revision changes nothing, so it declares no change');
      return;
    }
    if (revision.effectiveFrom <= previous.effectiveFrom) problem(`effectiveFrom ${revision.effectiveFrom} must be after the previous revision's (${previous.effectiveFrom})`);
    if (revision.publishedOn < previous.publishedOn) problem(`publishedOn ${revision.publishedOn} precedes the previous revision's (${previous.publishedOn})`);
    const found = classifyChanges(previous.notice, revision.notice);
    if (found.length === 0) problem('changes nothing against the previous revision');
    for (const change of found) if (!revision.changes.includes(change)) problem(`changes ${change} but does not declare it`);
    // A rewording may be declared a change of purposes; nothing else may be declared that the content does not show.
    for (const change of revision.changes) {
      const shown = found.includes(change) || (change === 'PURPOSES' && !same(previous.notice.purposes, revision.notice.purposes));
      if (!shown) problem(`declares ${change} but its content shows no such change`);
    }
    const early = revision.changes.filter((change) => ANNOUNCED_IN_ADVANCE.includes(change));
    if (early.length > 0 && revision.effectiveFrom <= revision.publishedOn) {
      problem(`changes ${early.join(' and ')}, which take effect only from a date after publication (effectiveFrom ${revision.effectiveFrom}, publishedOn ${revision.publishedOn})`);
    }
  });
  return problems;
}

/** What one person's data may be shared as: purposes and the company responsible from the revision in force, items and joint users also bounded by the revision that covers the person. */
export interface JointUseScope {
  inForce: NoticeRevision;
  covering: NoticeRevision;
  /** Items of both revisions, in the order of the one in force. */
  items: readonly SharedItem[];
}

/** A checked, ordered list of notice revisions, and the questions asked of it. */
export class NoticeRevisions {
  readonly all: readonly NoticeRevision[];

  /** Throws, naming every bad revision, when the list breaks the rules of revisionProblems. */
  constructor(revisions: readonly NoticeRevision[]) {
    const problems = revisionProblems(revisions);
    if (problems.length > 0) throw new Error(`The joint-use notice's revisions are not valid:\n- ${problems.join('\n- ')}`);
    this.all = revisions;
  }

  get first(): NoticeRevision {
    return this.all[0] as NoticeRevision;
  }

  /** The revision in force on a Japanese calendar date; the first revision for dates before it. */
  onDate(date: string): NoticeRevision {
    let found = this.first;
    for (const revision of this.all) if (revision.effectiveFrom <= date) found = revision;
    return found;
  }

  /** The revision in force at an instant: until a revision's effectiveFrom, the one before it. */
  inForce(at: Date): NoticeRevision {
    return this.onDate(japanDate(at));
  }

  /** The revision of that version, or undefined. */
  revision(version: string): NoticeRevision | undefined {
    return this.all.find((revision) => revision.version === version);
  }

  /** The revisions published by a date (some perhaps not yet in force). */
  publishedBy(date: string): NoticeRevision[] {
    return this.all.filter((revision) => revision.publishedOn <= date);
  }

  /**
   * The revision that covers a person told of joint use under `noticeVersion` (null or absent: acquired before
   * versions were recorded, so the first). A version the list does not hold is read as the revision in force on that date.
   */
  covering(noticeVersion: string | null | undefined): NoticeRevision {
    if (!noticeVersion) return this.first;
    return this.revision(noticeVersion) ?? this.onDate(noticeVersion);
  }

  /** The scope of one person's joint use at an instant. */
  scopeFor(noticeVersion: string | null | undefined, at: Date): JointUseScope {
    const inForce = this.inForce(at);
    const covering = this.covering(noticeVersion);
    const coveringItems = covering.notice.sharedItems.map((item) => item.key);
    const items = inForce.notice.sharedItems.map((item) => item.key as SharedItem).filter((item) => coveringItems.includes(item));
    return { inForce, covering, items };
  }
}

/** True when a company's relationship and country are among the joint users of both revisions of the scope. */
export function scopeReaches(scope: JointUseScope, company: Pick<GroupCompanyFacts, 'relationship' | 'country'>): boolean {
  return [scope.inForce, scope.covering].every(
    (revision) => revision.notice.jointUsers.country === company.country && revision.notice.jointUsers.relationships.some((relationship) => relationship.code === company.relationship),
  );
}

/** The published revisions, checked when this module loads: a bad list stops whatever imports it. */
export const JOINT_USE_NOTICE_REVISIONS = new NoticeRevisions(NOTICE_REVISIONS);

/** The revision of the notice in force at an instant (the Japanese calendar date decides). */
export function noticeInForce(at: Date): NoticeRevision {
  return JOINT_USE_NOTICE_REVISIONS.inForce(at);
}

/** The revision of that version, or undefined. */
export function noticeRevision(version: string): NoticeRevision | undefined {
  return JOINT_USE_NOTICE_REVISIONS.revision(version);
}

/** The notice in force when this process started; decisions made at a moment use noticeInForce(at) instead. */
export const JOINT_USE_NOTICE: JointUseNoticeShape = noticeInForce(new Date()).notice;
