import { Transform } from 'class-transformer';

/** Splits a comma-separated setting into trimmed, non-empty parts. */
export const CommaSeparated = () =>
  Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part.length > 0)
      : value,
  );

/** Reads a numeric setting; leaves a non-number as it is so that validation names it. */
export const NumberSetting = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value));

/** Reads true/false; leaves anything else as it is so that validation names it. */
export const BooleanSetting = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
