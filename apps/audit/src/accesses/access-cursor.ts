import { RegistryException } from '@registry/platform';

/** A position in the newest-first order of accesses: the time of access, then the sequence number. */
export interface AccessPosition {
  accessedAt: string;
  seq: string;
}

export function encodeAccessCursor(position: AccessPosition): string {
  return Buffer.from(`${position.accessedAt}|${position.seq}`).toString('base64url');
}

export function decodeAccessCursor(cursor: string): AccessPosition {
  const [accessedAt, seq] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!accessedAt || !seq || Number.isNaN(Date.parse(accessedAt)) || !/^\d{1,19}$/.test(seq)) {
    throw new RegistryException('INVALID_CURSOR', 400, 'cursor is not a nextCursor this service returned', [
      { field: 'cursor', rule: 'cursor', message: 'cursor must be the nextCursor of a previous page' },
    ]);
  }
  return { accessedAt, seq };
}
