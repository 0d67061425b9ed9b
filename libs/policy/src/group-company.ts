import type { GroupRelationship } from './joint-use-notice';

/** What the eligibility rule needs to know about a company in the group register. */
export interface GroupCompanyFacts {
  code: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  relationship: GroupRelationship;
  active: boolean;
  /** Calendar dates, YYYY-MM-DD. */
  joinedOn: string;
  leftOn: string | null;
}
