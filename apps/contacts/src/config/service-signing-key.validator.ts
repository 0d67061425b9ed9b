import { algorithmOf, readPrivateKey } from '@registry/auth';
import { ValidateBy, type ValidationOptions } from 'class-validator';

function acceptable(text: string): boolean {
  try {
    algorithmOf(readPrivateKey(text));
    return true;
  } catch {
    return false;
  }
}

export const IsServiceSigningKey = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isServiceSigningKey',
      validator: {
        validate: (value) => typeof value === 'string' && acceptable(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'AUTH_SERVICE_SIGNING_KEY'} must be an Ed25519, EC P-256 or RSA (2048+) private key (PKCS#8 PEM, or its DER in base64); generate one with: openssl genpkey -algorithm ed25519`,
      },
    },
    options,
  );
