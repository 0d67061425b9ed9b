import { readJwksFile } from '@registry/auth';
import { isURL, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** A readable JWKS file holding public keys only. */
export function IsJwksFile(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isJwksFile',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            readJwksFile(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: (args?: ValidationArguments) => {
          try {
            readJwksFile(String(args?.value));
          } catch (error) {
            return `${args?.property} must be a readable JWKS file of public keys (${(error as Error).message})`;
          }
          return `${args?.property} must be a readable JWKS file of public keys`;
        },
      },
    });
}

/** Of this setting and `other`, exactly one (or, with `required: false`, at most one) is given. */
export function OneOf(other: string, { required = true }: { required?: boolean } = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'oneOf',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const otherGiven = (args?.object as Record<string, unknown>)[other] !== undefined;
          return value !== undefined ? !otherGiven : otherGiven || !required;
        },
        defaultMessage: (args?: ValidationArguments) =>
          required ? `give exactly one of ${args?.property} and ${other}` : `give at most one of ${args?.property} and ${other}`,
      },
    });
}

/** An http(s) URL when given; leaves absence to other rules. */
export function IsHttpUrlIfGiven(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isHttpUrlIfGiven',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => value === undefined || (typeof value === 'string' && isURL(value, { require_tld: false, protocols: ['http', 'https'], require_protocol: true })),
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be an http(s) URL`,
      },
    });
}
