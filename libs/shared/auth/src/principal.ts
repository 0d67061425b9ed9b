export const ROLES = ['sales', 'admin', 'company'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a sales staff member, the administrator, or a group company's system. */
export interface Principal {
  subject: string;
  role: Role;
  /** The group company the caller acts for. */
  companyCode: string;
}

export const TOKEN_ISSUER = 'joint-use-registry';
