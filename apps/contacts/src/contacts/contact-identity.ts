/** The form in which two spellings of one name, organization or e-mail compare equal. */
export function identityText(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase();
}

// Hiragana ぁ–ゖ and the iteration marks ゝゞ, and the katakana that stand 0x60 code points above them.
export const HIRAGANA = String.fromCharCode(...Array.from({ length: 0x3096 - 0x3041 + 1 }, (_, i) => 0x3041 + i), 0x309d, 0x309e);
export const KATAKANA = String.fromCharCode(...[...HIRAGANA].map((ch) => ch.charCodeAt(0) + 0x60));

/**
 * The form in which two spellings of one name or reading compare equal: as identityText(), with hiragana written
 * as katakana. NFKC has already made half-width kana full-width, so すずき, スズキ and ｽｽﾞｷ are one.
 */
export function readingText(text: string): string {
  return identityText(text).replace(/[\u3041-\u3096\u309d\u309e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/** SQL for readingText() of a column, given the parameters that hold HIRAGANA and KATAKANA. */
export function readingSql(column: string, hiragana: string, katakana: string): string {
  return `translate(lower(regexp_replace(normalize(${column}, NFKC), '\\s', '', 'g')), ${hiragana}, ${katakana})`;
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
    personKey: facts.phone ? `${readingText(facts.nameFull)}|${identityText(facts.organizationName)}|${facts.phone}` : null,
  };
}
