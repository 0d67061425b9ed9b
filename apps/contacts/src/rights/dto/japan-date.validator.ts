import { ValidateBy, type ValidationOptions } from 'class-validator';
import { japanDateOf } from '../request-deadline';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  return CALENDAR_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
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
