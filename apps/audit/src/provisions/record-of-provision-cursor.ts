import { RegistryException } from '@registry/platform';

/**
 * Where a reader of a record of provision stands: the last provision and the last read it has been given,
 * by sequence number in their chains. Each chain only grows at its end, so what is recorded while someone
 * pages comes after both positions: it is on a later page, and nothing is skipped or given twice.
 */
export interface RecordPosition {
  provisionSeq: string;
  accessSeq: string;
}

export const RECORD_START: RecordPosition = { provisionSeq: '0', accessSeq: '0' };

export function encodeRecordCursor(position: RecordPosition): string {
  return Buffer.from(`${position.provisionSeq}.${position.accessSeq}`).toString('base64url');
}

export function decodeRecordCursor(cursor: string): RecordPosition {
  const match = /^(\d{1,19})\.(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) {
    throw new RegistryException('INVALID_CURSOR', 400, 'cursor is not a nextCursor this service returned', [
      { field: 'cursor', rule: 'cursor', message: 'cursor must be the nextCursor of a previous page of this record of provision' },
    ]);
  }
  return { provisionSeq: match[1] as string, accessSeq: match[2] as string };
}
