import { controlFor, emptyRegistrationForm, registrationBody } from './registration-form';

const form = emptyRegistrationForm('2026-11-29');

describe('the registration request', () => {
  it('leaves out empty optional fields and sends required ones as typed', () => {
    expect(registrationBody({ ...form, fullName: ' 山田 太郎 ', organizationName: '' })).toEqual({
      name: { full: '山田 太郎' },
      organizationName: '',
      acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-29' },
    });
  });

  it('sends the address only when a part of it is given', () => {
    expect(registrationBody({ ...form, city: '港区' }).address).toEqual({ postalCode: '', prefecture: '', city: '港区' });
  });

  it('sends the notice of purpose where the method requires it, one purpose a line', () => {
    const body = registrationBody({ ...form, method: 'WEB_INQUIRY', purposesShown: 'お問い合わせへの回答\n\n 製品のご案内 ', jointUseNotified: 'yes' });
    expect(body.acquisition.noticeOfPurpose).toEqual({ purposesShown: ['お問い合わせへの回答', '製品のご案内'], jointUseNotified: true });
    // Left unanswered: sent without jointUseNotified, so the API names it as required.
    expect(registrationBody({ ...form, method: 'EVENT_APPLICATION' }).acquisition.noticeOfPurpose).toEqual({ purposesShown: [] });
  });

  it('sends a notice for a business card only when asked to', () => {
    expect(registrationBody({ ...form, purposesShown: 'x' }).acquisition.noticeOfPurpose).toBeUndefined();
    expect(registrationBody({ ...form, recordNotice: true, purposesShown: 'x', jointUseNotified: 'no' }).acquisition.noticeOfPurpose).toEqual({ purposesShown: ['x'], jointUseNotified: false });
  });
});

describe('where a field problem is shown', () => {
  it('finds the control of a field or of its nearest parent', () => {
    expect(controlFor('name.kana')).toBe('reg-kana');
    expect(controlFor('acquisition.noticeOfPurpose.purposesShown.0')).toBe('reg-purposes');
    expect(controlFor('transactionHistory.0.companyCode')).toBeUndefined();
  });
});
