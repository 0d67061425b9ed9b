import { SHARED_ITEMS } from '@registry/contracts';
import type { SharedContactEntity } from '../../projection/shared-contact.entity';
import { SharedContactResponse } from './shared-contact.response';

describe('SharedContactResponse', () => {
  it('answers with the allowed items and the read’s own facts, nothing else', () => {
    const entity: SharedContactEntity = {
      contactId: 'c-1',
      version: 3,
      nameFull: '山田 太郎',
      nameKana: null,
      organizationName: 'Example KK',
      address: null,
      department: null,
      title: null,
      email: 'taro@example.co.jp',
      phone: null,
      fax: null,
      transactionHistory: [],
      acquisitionMethod: 'BUSINESS_CARD',
      acquiredOn: '2026-11-20',
      acquiringCompanyCode: 'STAFFING-JP',
      suspendedByAdmin: false,
      subjectStatus: 'ACTIVE',
      heldReason: null,
      noticeVersion: '2026-11-29',
      suspended: false,
      updatedAt: new Date(),
    };
    const keys = Object.keys(SharedContactResponse.from(entity, 'MARKETING', 'a-1'));
    expect(keys.sort()).toEqual([...SHARED_ITEMS, 'contactId', 'version', 'purpose', 'accessId'].sort());
  });
});
