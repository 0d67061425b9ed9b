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
    ['a web inquiry without its notice of purpose', { acquisition: { method: 'WEB_INQUIRY', acquiredOn: '2026-11-20' } }, 'acquisition.purposeNotice'],
    ['an event application without its notice of purpose', { acquisition: { method: 'EVENT_APPLICATION', acquiredOn: '2026-11-20' } }, 'acquisition.purposeNotice'],
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
      { field: 'acquisition.purposeNotice', rule: 'required', message: expect.stringContaining('notice of purpose the person saw) is required for web inquiries') },
    ]);
  });

  it('accepts a business card without a notice of purpose, and a web inquiry with one', () => {
    expect(problems({ ...minimal, acquisition: { method: 'WEB_INQUIRY', acquiredOn: '2026-11-20', purposeNotice: 'Inquiry form notice v2' } }).problems).toEqual([]);
  });
});
