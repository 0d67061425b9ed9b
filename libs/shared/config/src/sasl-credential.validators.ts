import { IsString, Matches, MinLength, ValidateIf } from 'class-validator';

const usesSasl = (settings: { KAFKA_SECURITY_PROTOCOL: string }) => settings.KAFKA_SECURITY_PROTOCOL.startsWith('SASL');

/** Applies the checks in order; the first one a value fails is the one reported (settings stop at the first error). */
const checks =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

const required = (setting: string) => IsString({ message: `${setting} is required when KAFKA_SECURITY_PROTOCOL is SASL_PLAINTEXT or SASL_SSL` });

/** A Kafka principal's name, required whenever the client signs in with SASL. */
export const SaslUsernameSetting = (setting: string) =>
  checks(required(setting), Matches(/^[\w.@-]{1,100}$/, { message: `${setting} must be 1-100 letters, digits, dots, @, hyphens or underscores` }), ValidateIf(usesSasl));

/** A Kafka principal's password, required whenever the client signs in with SASL. */
export const SaslPasswordSetting = (setting: string) =>
  checks(required(setting), MinLength(12, { message: `${setting} must be at least 12 characters` }), ValidateIf(usesSasl));
