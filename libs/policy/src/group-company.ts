import { COMPANY_RELATIONSHIPS, type CompanyRelationship } from '@registry/contracts';

/** How a company belongs to the group: the holding company, a consolidated subsidiary or an equity-method affiliate. */
export const GROUP_RELATIONSHIPS = COMPANY_RELATIONSHIPS;
export type GroupRelationship = CompanyRelationship;

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
