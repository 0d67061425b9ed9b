import { ValidateBy, type ValidationOptions } from 'class-validator';
import { japanDateOf } from '../request-deadline';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE.test(value)) return false;
  const at = Date.parse(`${value}T00:00:00Z`);
  // A month 13 does not parse; 30 February parses as 2 March, so the date must come back as given.
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value;
}

/** A real calendar date, YYYY-MM-DD, not after today in Japan. */
export const IsJapanDateNotInFuture = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'japanDateNotInFuture',
      validator: {
        validate: (value) => typeof value === 'string' && isCalendarDate(value) && value <= japanDateOf(new Date()),
        defaultMessage: (args) => `${args?.property ?? 'date'} must be a calendar date YYYY-MM-DD, not after today in Japan (${japanDateOf(new Date())})`,
      },
    },
    options,
  );
