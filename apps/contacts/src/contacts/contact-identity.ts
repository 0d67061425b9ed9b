/** The form in which two spellings of one name, organization or e-mail compare equal. */
export function identityText(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase();
}

export interface IdentityFacts {
  email: string | null;
  nameFull: string;
  organizationName: string;
  phone: string | null;
}

/** Keys under which a person registered again is recognised: the e-mail, or name with organization and phone. */
export function identityKeys(facts: IdentityFacts): { emailKey: string | null; personKey: string | null } {
  return {
    emailKey: facts.email ? identityText(facts.email) : null,
    personKey: facts.phone ? `${identityText(facts.nameFull)}|${identityText(facts.organizationName)}|${facts.phone}` : null,
  };
}
