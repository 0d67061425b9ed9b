import { randomUUID } from 'node:crypto';
import { getMetadataStorage } from 'class-validator';
import { ContactStateEvent, parseEvent, SHARED_ITEMS, SharedContactItemsPayload } from './index';



function validContactEvent(): Record<string, unknown> {
  return {
    eventId: randomUUID(),
    occurredAt: '2026-11-24T10:00:00.000Z',
    schemaVersion: 1,
    eventType: 'ContactRegistered',
    contactId: randomUUID(),
    version: 1,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20', companyCode: 'PSN-JP' },
    items: {
      name: { full: '山田 太郎', kana: 'ヤマダ タロウ' },
      organizationName: 'Example KK',
      email: 'taro@example.co.jp',
      phone: '+81312345678',
      transactionHistory: [],
    },
  };
}

describe('contact event contract', () => {
  it('declares exactly the allow-listed items on the shared items payload', () => {
    const declared = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(SharedContactItemsPayload, '', true, false)
        .map((m) => m.propertyName),
    );
    expect([...declared].sort()).toEqual([...SHARED_ITEMS].sort());
  });

  it('accepts a well-formed contact state event', () => {
    const parsed = parseEvent(ContactStateEvent, JSON.stringify(validContactEvent()));
    expect(parsed.ok).toBe(true);
  });

  it('refuses an event carrying an item outside the allow-list', () => {
    const event = validContactEvent();
    (event['items'] as Record<string, unknown>)['memo'] = 'met at the golf club';
    const parsed = parseEvent(ContactStateEvent, JSON.stringify(event));
    expect(parsed).toEqual({
      ok: false,
      problems: [expect.objectContaining({ field: 'items.memo', rule: 'whitelistValidation' })],
    });
  });

  it('refuses a value that is not JSON, or no value at all', () => {
    expect(parseEvent(ContactStateEvent, '{not json')).toMatchObject({ ok: false, problems: [{ rule: 'json' }] });
    expect(parseEvent(ContactStateEvent, null)).toMatchObject({ ok: false, problems: [{ rule: 'present' }] });
    expect(parseEvent(ContactStateEvent, '[1]')).toMatchObject({ ok: false, problems: [{ rule: 'object' }] });
  });

  it('refuses an event without its items', () => {
    const event = validContactEvent();
    delete event['items'];
    expect(parseEvent(ContactStateEvent, JSON.stringify(event))).toMatchObject({ ok: false, problems: [{ field: 'items' }] });
  });

  it('names the nested field that breaks a rule', () => {
    const event = validContactEvent();
    (event['items'] as Record<string, unknown>)['phone'] = '03-1234-5678';
    const parsed = parseEvent(ContactStateEvent, JSON.stringify(event));
    expect(parsed).toMatchObject({ ok: false, problems: [{ field: 'items.phone', rule: 'matches' }] });
  });

  it('reads a schema version 2 event without a notice version, and needs one from version 3', () => {
    expect(parseEvent(ContactStateEvent, JSON.stringify({ ...validContactEvent(), schemaVersion: 2, jointUse: 'ACTIVE' })).ok).toBe(true);
    expect(parseEvent(ContactStateEvent, JSON.stringify({ ...validContactEvent(), schemaVersion: 3, jointUse: 'ACTIVE' }))).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ field: 'noticeVersion', rule: 'required' })],
    });
    expect(parseEvent(ContactStateEvent, JSON.stringify({ ...validContactEvent(), schemaVersion: 3, jointUse: 'ACTIVE', noticeVersion: '2022-04-01' })).ok).toBe(true);
    expect(parseEvent(ContactStateEvent, JSON.stringify({ ...validContactEvent(), schemaVersion: 3, jointUse: 'ACTIVE', noticeVersion: '2022-4-1' })).ok).toBe(false);
  });

  it('accepts the known reasons a person is held, and no other', () => {
    const held = { ...validContactEvent(), schemaVersion: 3, jointUse: 'HELD', noticeVersion: '2022-04-01' };
    expect(parseEvent(ContactStateEvent, JSON.stringify({ ...held, heldReason: 'JOINT_USE_NOT_NOTIFIED' })).ok).toBe(true);
    expect(parseEvent(ContactStateEvent, JSON.stringify({ ...held, heldReason: 'RETURNED_AFTER_OBJECTION' })).ok).toBe(true);
    expect(parseEvent(ContactStateEvent, JSON.stringify({ ...held, heldReason: 'BECAUSE' }))).toMatchObject({ ok: false, problems: [expect.objectContaining({ field: 'heldReason' })] });
  });
});
