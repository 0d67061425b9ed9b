import { describeValidationErrors } from '@registry/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { japanDateOf } from '../request-deadline';
import { CloseRequestDto, ConfirmPersonsDto, OpenSubjectRequestDto } from './subject-request.dto';

function problems<T extends object>(type: new () => T, body: Record<string, unknown>) {
  const dto = plainToInstance(type, body);
  return describeValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true })).map(({ field, rule }) => ({ field, rule }));
}

const contactId = '00000000-0000-4000-8000-000000000001';
const check = { document: 'DRIVERS_LICENSE', representativeActed: false };
const tomorrow = japanDateOf(new Date(Date.now() + 86_400_000));

describe('OpenSubjectRequestDto', () => {
  it('needs a delivery method for a disclosure, not for a correction', () => {
    expect(problems(OpenSubjectRequestDto, { type: 'DISCLOSURE', person: { email: 'a@example.co.jp' } })).toEqual([{ field: 'deliveryMethod', rule: 'required' }]);
    expect(problems(OpenSubjectRequestDto, { type: 'DISCLOSURE', person: { email: 'a@example.co.jp' }, deliveryMethod: 'FAX' })).toEqual([{ field: 'deliveryMethod', rule: 'isIn' }]);
    expect(problems(OpenSubjectRequestDto, { type: 'DISCLOSURE_OF_PROVISION_RECORD', person: { email: 'a@example.co.jp' }, deliveryMethod: 'PAPER' })).toEqual([]);
    expect(problems(OpenSubjectRequestDto, { type: 'CORRECTION', person: { email: 'a@example.co.jp' } })).toEqual([]);
  });

  it('takes receivedOn as a real Japan date, earlier than today or today, never in the future', () => {
    const base = { type: 'CORRECTION', person: { email: 'a@example.co.jp' } };
    expect(problems(OpenSubjectRequestDto, { ...base, receivedOn: '2026-02-01' })).toEqual([]);
    expect(problems(OpenSubjectRequestDto, { ...base, receivedOn: japanDateOf(new Date()) })).toEqual([]);
    for (const receivedOn of [tomorrow, '2026-02-30', '2026-13-01', '2026-00-10', '2026/02/01', '20260201', 20260201]) {
      expect(problems(OpenSubjectRequestDto, { ...base, receivedOn })).toEqual([{ field: 'receivedOn', rule: 'japanDateNotInFuture' }]);
    }
  });

  it('opens a complaint with a summary and without a person, but not without a summary', () => {
    expect(problems(OpenSubjectRequestDto, { type: 'COMPLAINT', summary: 'Called twice after asking not to be' })).toEqual([]);
    expect(problems(OpenSubjectRequestDto, { type: 'CONSULTATION', summary: 'How is my card used?', person: { phone: '03-1234-5678' } })).toEqual([]);
    expect(problems(OpenSubjectRequestDto, { type: 'COMPLAINT' })).toEqual([{ field: 'summary', rule: 'required' }]);
    expect(problems(OpenSubjectRequestDto, { type: 'ERASURE', summary: 'x' })).toEqual([{ field: 'person', rule: 'required' }]);
  });
});

describe('ConfirmPersonsDto: the identity check', () => {
  it('accepts a document checked by the person themselves', () => {
    expect(problems(ConfirmPersonsDto, { contactIds: [contactId], identityCheck: check })).toEqual([]);
    expect(problems(ConfirmPersonsDto, { contactIds: [contactId], identityCheck: { ...check, document: 'MY_NUMBER_CARD', checkedOn: '2026-11-01' } })).toEqual([]);
  });

  it('names the field and the rule for each missing or bad part', () => {
    expect(problems(ConfirmPersonsDto, { contactIds: [contactId] })).toEqual([{ field: 'identityCheck', rule: 'required' }]);
    expect(problems(ConfirmPersonsDto, { contactIds: [contactId], identityCheck: { ...check, document: 'LIBRARY_CARD' } })).toEqual([{ field: 'identityCheck.document', rule: 'isIn' }]);
    expect(problems(ConfirmPersonsDto, { contactIds: [contactId], identityCheck: { ...check, document: 'OTHER' } })).toEqual([{ field: 'identityCheck.documentDescription', rule: 'required' }]);
    expect(problems(ConfirmPersonsDto, { contactIds: [contactId], identityCheck: { document: 'PASSPORT' } })).toEqual([{ field: 'identityCheck.representativeActed', rule: 'required' }]);
    expect(problems(ConfirmPersonsDto, { contactIds: [contactId], identityCheck: { ...check, checkedOn: tomorrow } })).toEqual([{ field: 'identityCheck.checkedOn', rule: 'japanDateNotInFuture' }]);
  });

  it('needs the representative, their authority and its proof when a representative acted', () => {
    const acting = { ...check, representativeActed: true };
    expect(problems(ConfirmPersonsDto, { contactIds: [contactId], identityCheck: acting })).toEqual([{ field: 'identityCheck.representative', rule: 'required' }]);
    expect(problems(ConfirmPersonsDto, { contactIds: [contactId], identityCheck: { ...acting, representative: { name: '山田 花子', authority: 'FRIEND' } } })).toEqual([
      { field: 'identityCheck.representative.authority', rule: 'isIn' },
      { field: 'identityCheck.representative.authorityDocument', rule: 'required' },
    ]);
    expect(
      problems(ConfirmPersonsDto, { contactIds: [contactId], identityCheck: { ...acting, representative: { name: '山田 花子', authority: 'DELEGATED_AGENT', authorityDocument: 'Power of attorney' } } }),
    ).toEqual([]);
  });

  it('takes no document number', () => {
    expect(problems(ConfirmPersonsDto, { contactIds: [contactId], identityCheck: { ...check, documentNumber: 'X123' } })).toEqual([{ field: 'identityCheck.documentNumber', rule: 'whitelistValidation' }]);
  });
});

describe('CloseRequestDto: a refusal', () => {
  it('needs a ground, an explanation of at most 2000 characters, and for a partial one what was refused', () => {
    expect(problems(CloseRequestDto, { outcome: 'x', result: 'REFUSED', refusal: { extent: 'WHOLE', ground: 'VIOLATION_OF_OTHER_LAWS', explanation: 'Court order' } })).toEqual([]);
    expect(problems(CloseRequestDto, { outcome: 'x', refusal: { extent: 'PART', ground: 'VIOLATION_OF_OTHER_LAWS', explanation: 'Court order' } })).toEqual([{ field: 'refusal.refusedPart', rule: 'required' }]);
    expect(problems(CloseRequestDto, { outcome: 'x', refusal: { extent: 'WHOLE', ground: 'BECAUSE', explanation: 'y'.repeat(2001) } })).toEqual([
      { field: 'refusal.ground', rule: 'isIn' },
      { field: 'refusal.explanation', rule: 'maxLength' },
    ]);
  });
});
