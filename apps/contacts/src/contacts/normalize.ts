/** Canonical phone or fax: +81 followed by the domestic number without its leading 0; null when not a Japanese number. */
export function normalizeJapanesePhone(input: string): string | null {
  const compact = input.normalize('NFKC').replace(/[\s\-().‐－ー]/g, '');
  if (/^\+81\d{9,10}$/.test(compact)) return compact;
  if (/^0\d{9,10}$/.test(compact)) return `+81${compact.slice(1)}`;
  return null;
}

/** E-mail with full-width characters folded, whitespace trimmed and the domain lower-cased. */
export function normalizeEmail(input: string): string {
  const trimmed = input.normalize('NFKC').trim();
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** Free text with surrounding whitespace (including the full-width space) removed. */
export function normalizeText(input: string): string {
  return input.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}
