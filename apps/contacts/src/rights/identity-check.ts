/**
 * How the privacy office verified who made a request (policy section 9.1). A My Number card counts as an
 * identity document, but its number is never asked for, kept or shown.
 */
export const IDENTITY_DOCUMENTS = ['DRIVERS_LICENSE', 'PASSPORT', 'MY_NUMBER_CARD', 'RESIDENCE_CARD', 'HEALTH_INSURANCE_CARD', 'OTHER'] as const;
export type IdentityDocument = (typeof IDENTITY_DOCUMENTS)[number];

/** Who may act for the person (APPI art. 37(3)): a legal representative of a minor or adult ward, or an agent the person appointed. */
export const REPRESENTATIVE_AUTHORITIES = ['LEGAL_REPRESENTATIVE', 'DELEGATED_AGENT'] as const;
export type RepresentativeAuthority = (typeof REPRESENTATIVE_AUTHORITIES)[number];

export interface Representative {
  name: string;
  authority: RepresentativeAuthority;
  /** The document proving the authority, e.g. a power of attorney or a family register extract. */
  authorityDocument: string;
}

export interface IdentityCheck {
  document: IdentityDocument;
  /** What the document was, for OTHER. */
  documentDescription: string | null;
  /** The Japanese date the document was checked. */
  checkedOn: string;
  /** The privacy-office user who checked it: the caller confirming the request. */
  checkedBy: string;
  /** When the check was entered. */
  recordedAt: string;
  representativeActed: boolean;
  representative: Representative | null;
}
