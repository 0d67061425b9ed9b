// Specified personal information (a My Number: 12 digits, the last a check digit) has no place in the registry.

// One separator at most between two digits: a space (the full-width one folds to it), a hyphen or dash of any
// kind, a full stop, a slash or a middle dot. Full-width digits and separators are folded first (NFKC).
const SEPARATOR = '[ \\-./・‐‑–—−ー]';
const CANDIDATE = new RegExp(`(?<!\\d)\\d(?:${SEPARATOR}?\\d){11}(?!\\d)`, 'g');
const SEPARATORS = new RegExp(SEPARATOR, 'g');
// A UUID's groups can line up as twelve hyphenated digits; an identifier is not a My Number.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** True when the 12 digits carry a valid My Number check digit. */
export function isMyNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  const body = digits.slice(0, 11);
  let sum = 0;
  for (let n = 1; n <= 11; n += 1) {
    const p = Number(body[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === Number(digits[11]);
}

/** True when the text holds a My Number, written with full-width digits or separators or not. */
export function containsMyNumber(text: string): boolean {
  const folded = text.normalize('NFKC').replace(UUID, ' ');
  for (const match of folded.matchAll(CANDIDATE)) {
    if (isMyNumber(match[0].replace(SEPARATORS, ''))) return true;
  }
  return false;
}
