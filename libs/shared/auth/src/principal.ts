export const ROLES = ['sales', 'admin', 'company'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a sales staff member, the administrator, or a group company's system. */
export interface Principal {
  subject: string;
  role: Role;
  /** The group company the caller acts for. */
  companyCode: string;
}

/** Another registry service calling with its own identity, limited to the scopes its token names. */
export interface ServiceCaller {
  /** The calling service (its token's issuer and subject). */
  service: string;
  scopes: string[];
  /** The person on whose behalf the service acts, when its token names one (`act.sub`). */
  actingFor: string | null;
}
