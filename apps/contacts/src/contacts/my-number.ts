// Specified personal information (a My Number: 12 digits, the last a check digit) has no place in the registry.

const CANDIDATE = /(?<!\d)\d(?:[ -]?\d){11}(?!\d)/g;

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

/** True when the text holds a My Number, written with full-width digits, spaces or hyphens or not. */
export function containsMyNumber(text: string): boolean {
  const folded = text.normalize('NFKC');
  for (const match of folded.matchAll(CANDIDATE)) {
    if (isMyNumber(match[0].replace(/[ -]/g, ''))) return true;
  }
  return false;
}

/** The paths (e.g. `memo`, `transactionHistory.0.description`) of every string in a JSON value that holds a My Number. */
export function myNumberPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return containsMyNumber(value) ? [path || '(body)'] : [];
  if (typeof value === 'number') return Number.isInteger(value) && containsMyNumber(String(value)) ? [path || '(body)'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => myNumberPaths(item, path ? `${path}.${index}` : String(index)));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [
      // A key is named by its position only, so that the number is never echoed back.
      ...(containsMyNumber(key) ? [path ? `${path}.(property name)` : '(property name)'] : []),
      ...myNumberPaths(item, path ? `${path}.${key}` : key),
    ]);
  }
  return [];
}
