import { accessSync, constants, statSync } from 'node:fs';
import { ValidateBy, type ValidationOptions } from 'class-validator';

function isReadableFile(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    accessSync(value, constants.R_OK);
    return statSync(value).isFile();
  } catch {
    return false;
  }
}

/** The setting names a file this process can read. */
export const ReadableFile = (options?: ValidationOptions) =>
  ValidateBy({ name: 'readableFile', validator: { validate: isReadableFile, defaultMessage: (args) => `${args?.property} must name a readable file` } }, options);
