import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { identityText } from '../contacts/contact-identity';
import { normalizeJapanesePhone } from '../contacts/normalize';

export interface SuppressionKeys {
  emailHash: string | null;
  phoneHash: string | null;
}

/**
 * The people who asked not to be contacted again, kept as keyed hashes (HMAC-SHA256 with a service secret)
 * of their normalised e-mail and phone: enough to recognise them when they come back, under any spelling,
 * and useless to anyone without the secret.
 */
export class SuppressionList {
  constructor(private readonly secret: string) {}

  keys(person: { email: string | null; phone: string | null }): SuppressionKeys {
    const phone = person.phone ? (normalizeJapanesePhone(person.phone) ?? person.phone) : null;
    return {
      emailHash: person.email ? this.hash(`email:${identityText(person.email)}`) : null,
      phoneHash: phone ? this.hash(`phone:${phone}`) : null,
    };
  }

  async add(manager: EntityManager, keys: SuppressionKeys, requestId: string): Promise<void> {
    if (!keys.emailHash && !keys.phoneHash) return;
    await manager.query(`INSERT INTO suppressions (email_hash, phone_hash, request_id) VALUES ($1, $2, $3)`, [keys.emailHash, keys.phoneHash, requestId]);
  }

  /** True when the e-mail or the phone is on the list. */
  async contains(manager: EntityManager, keys: SuppressionKeys): Promise<boolean> {
    if (!keys.emailHash && !keys.phoneHash) return false;
    const rows: unknown[] = await manager.query(`SELECT 1 FROM suppressions WHERE email_hash = $1 OR phone_hash = $2 LIMIT 1`, [keys.emailHash, keys.phoneHash]);
    return rows.length > 0;
  }

  private hash(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('hex');
  }
}
