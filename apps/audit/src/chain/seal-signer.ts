import { Inject, Injectable } from '@nestjs/common';
import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { parseEd25519PrivateKey } from '../config/ed25519-key.validator';
import { AUDIT_SETTINGS } from '../config/audit-settings.provider';
import type { AuditSettings } from '../config/env.validation';
import { signatureValid } from './chain-hash';

export { sealPayload } from './chain-hash';

/** Signs checkpoints and purges with the service's Ed25519 key, and checks them against its public key. */
@Injectable()
export class SealSigner {
  private readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI DER): names the key in each seal. */
  readonly keyId: string;

  constructor(@Inject(AUDIT_SETTINGS) settings: AuditSettings) {
    const key = parseEd25519PrivateKey(settings.AUDIT_SIGNING_KEY);
    if (!key) throw new Error('AUDIT_SIGNING_KEY is not an Ed25519 private key');
    this.privateKey = key;
    this.publicKey = createPublicKey(key);
    this.keyId = createHash('sha256').update(this.publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
  }

  publicKeyPem(): string {
    return this.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  sign(payload: string): string {
    return sign(null, Buffer.from(payload), this.privateKey).toString('base64');
  }

  /** True when the seal was made with this service's key over exactly this payload. */
  verify(payload: string, keyId: string, signature: string): boolean {
    return keyId === this.keyId && signatureValid(this.publicKey, payload, signature);
  }
}
