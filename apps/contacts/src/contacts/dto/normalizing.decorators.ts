import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { normalizeEmail, normalizeJapanesePhone, normalizeText } from '../normalize';

/** Trims surrounding whitespace, the full-width space included. */
export const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? normalizeText(value) : value));

/** Folds full-width characters, trims, and lower-cases the domain. */
export const NormalizedEmail = () => Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value));

/** Stores a Japanese telephone or fax number as +81…, and refuses anything else. */
export function JapanesePhone(): PropertyDecorator {
  const normalize = Transform(({ value }) => (typeof value === 'string' ? (normalizeJapanesePhone(value) ?? value) : value));
  const check = Matches(/^\+81\d{9,10}$/, { message: '$property must be a Japanese telephone number, e.g. 03-1234-5678 or +81 3 1234 5678' });
  return (target, property) => {
    normalize(target, property);
    check(target, property);
  };
}
