import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors } from '@registry/contracts';

export class InvalidSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidSettingsError';
  }
}

/**
 * Reads a settings class from the environment once, converting and validating every value.
 * Throws InvalidSettingsError naming each missing or bad setting.
 */
export function loadSettings<T extends object>(type: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const settings = plainToInstance(type, present, { exposeDefaultValues: true });
  const errors = validateSync(settings, { whitelist: true, forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new InvalidSettingsError(describeValidationErrors(errors).map((p) => `${p.field}: ${p.message}`));
  }
  return settings;
}

/** For main.ts: loads the settings or prints what is wrong and exits with status 78 (configuration error). */
export function loadSettingsOrExit<T extends object>(type: ClassConstructor<T>, service: string): T {
  try {
    return loadSettings(type);
  } catch (error) {
    if (error instanceof InvalidSettingsError) {
      console.error(`${service} cannot start. ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
}
