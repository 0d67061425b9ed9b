import { createPrivateKey, type KeyObject } from 'node:crypto';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Reads an Ed25519 private key given as PKCS#8 PEM or as its DER in base64; null when it is neither. */
export function parseEd25519PrivateKey(text: string): KeyObject | null {
  try {
    const trimmed = text.trim();
    const key = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey(trimmed.replace(/\\n/g, '\n'))
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

export const IsEd25519PrivateKey = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isEd25519PrivateKey',
      validator: {
        validate: (value) => typeof value === 'string' && parseEd25519PrivateKey(value) !== null,
        defaultMessage: (args) => `${args?.property ?? 'AUDIT_SIGNING_KEY'} must be an Ed25519 private key (PKCS#8 PEM, or its DER in base64); generate one with: openssl genpkey -algorithm ed25519`,
      },
    },
    options,
  );
