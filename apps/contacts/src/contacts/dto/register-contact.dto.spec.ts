import { describeValidationErrors } from '@registry/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RegisterContactDto } from './register-contact.dto';

function problems(body: Record<string, unknown>) {
  const dto = plainToInstance(RegisterContactDto, body);
  return { dto, problems: describeValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true })) };
}

const minimal = {
  name: { full: '山田 太郎' },
  organizationName: 'Example KK',
  acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' },
};

describe('RegisterContactDto', () => {
  it('accepts the minimum: a name, an organization and how the contact was acquired', () => {
    expect(problems(minimal).problems).toEqual([]);
  });

  it('normalises while it validates', () => {
    const { dto } = problems({
      ...minimal,
      organizationName: '  Example KK\u3000',
      email: 'Ｔａｒｏ@EXAMPLE.CO.JP ',
      phone: '０３（１２３４）５６７８',
      address: { postalCode: '１０７－００６２', prefecture: ' 東京都 ', city: '港区' },
    });
    expect(dto).toMatchObject({
      organizationName: 'Example KK',
      email: 'Taro@example.co.jp',
      phone: '+81312345678',
      address: { postalCode: '107-0062', prefecture: '東京都' },
    });
  });

  it.each([
    ['an unknown prefecture', { address: { postalCode: '107-0062', prefecture: '東京', city: '港区' } }, 'address.prefecture'],
    ['a web inquiry without its notice of purpose', { acquisition: { method: 'WEB_INQUIRY', acquiredOn: '2026-11-20' } }, 'acquisition.noticeOfPurpose'],
    ['an event application without its notice of purpose', { acquisition: { method: 'EVENT_APPLICATION', acquiredOn: '2026-11-20' } }, 'acquisition.noticeOfPurpose'],
    ['a transaction application without its notice of purpose', { acquisition: { method: 'TRANSACTION_APPLICATION', acquiredOn: '2026-11-20' } }, 'acquisition.noticeOfPurpose'],
    ['the free-text notice of earlier releases', { acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20', purposeNotice: 'old notice' } }, 'acquisition.purposeNotice'],
    ['a date that is not a date', { acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-13-45' } }, 'acquisition.acquiredOn'],
    ['an over-long memo', { memo: 'x'.repeat(2001) }, 'memo'],
    ['too many history entries', { transactionHistory: Array.from({ length: 501 }, () => ({ occurredOn: '2026-01-01', description: 'x', companyCode: 'AB' })) }, 'transactionHistory'],
    ['a property nobody asked for', { birthday: '1980-01-01' }, 'birthday'],
  ])('refuses %s, naming the field', (_case, overrides, field) => {
    expect(problems({ ...minimal, ...overrides }).problems).toEqual([expect.objectContaining({ field })]);
  });

  it('says a missing field is required, not that it is too long', () => {
    const { organizationName: _left, ...withoutOrganization } = minimal;
    expect(problems(withoutOrganization).problems).toEqual([{ field: 'organizationName', rule: 'required', message: 'organizationName is required' }]);
    expect(problems({ ...minimal, name: {} }).problems).toEqual([{ field: 'name.full', rule: 'required', message: 'name.full is required' }]);
  });

  it('names the notice-of-purpose rule when a web inquiry comes without its notice', () => {
    expect(problems({ ...minimal, acquisition: { method: 'WEB_INQUIRY', acquiredOn: '2026-11-20' } }).problems).toEqual([
      { field: 'acquisition.noticeOfPurpose', rule: 'required', message: expect.stringContaining('is required for web inquiries, event applications and transaction applications') },
    ]);
  });

  const notice = { purposesShown: ['To answer your inquiry'], jointUseNotified: true };

  it.each([
    ['no purposes', { ...notice, purposesShown: [] }, 'acquisition.noticeOfPurpose.purposesShown', 'arrayMinSize'],
    ['more than 20 purposes', { ...notice, purposesShown: Array.from({ length: 21 }, (_, i) => `purpose ${i}`) }, 'acquisition.noticeOfPurpose.purposesShown', 'arrayMaxSize'],
    ['a purpose over 500 characters', { ...notice, purposesShown: ['x'.repeat(501)] }, 'acquisition.noticeOfPurpose.purposesShown', 'maxLength'],
    ['a blank purpose', { ...notice, purposesShown: ['  '] }, 'acquisition.noticeOfPurpose.purposesShown', 'minLength'],
    ['purposes that are not a list', { ...notice, purposesShown: 'To answer' }, 'acquisition.noticeOfPurpose.purposesShown', 'isArray'],
    ['no word on joint use', { purposesShown: ['To answer your inquiry'] }, 'acquisition.noticeOfPurpose.jointUseNotified', 'required'],
    ['joint use given as text', { ...notice, jointUseNotified: 'yes' }, 'acquisition.noticeOfPurpose.jointUseNotified', 'isBoolean'],
    ['a wording over 2000 characters', { ...notice, wording: 'x'.repeat(2001) }, 'acquisition.noticeOfPurpose.wording', 'maxLength'],
  ])('refuses a notice of purpose with %s, naming the field and the rule', (_case, noticeOfPurpose, field, rule) => {
    expect(problems({ ...minimal, acquisition: { method: 'TRANSACTION_APPLICATION', acquiredOn: '2026-11-20', noticeOfPurpose } }).problems).toEqual([
      expect.objectContaining({ field, rule }),
    ]);
  });

  it('accepts a business card without a notice of purpose, and each written application with one', () => {
    for (const method of ['WEB_INQUIRY', 'EVENT_APPLICATION', 'TRANSACTION_APPLICATION', 'BUSINESS_DISCUSSION']) {
      expect(problems({ ...minimal, acquisition: { method, acquiredOn: '2026-11-20', noticeOfPurpose: { ...notice, wording: 'Inquiry form notice v2' } } }).problems).toEqual([]);
    }
  });
});
