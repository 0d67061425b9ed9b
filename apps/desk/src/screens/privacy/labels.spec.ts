import { groundsFor, isAboutPerson, needsDeliveryMethod, REQUEST_TYPES, words } from './labels';

describe('the privacy office labels', () => {
  it('offers only the refusal grounds the contacts service accepts for each type (its GROUNDS_BY_TYPE)', () => {
    expect(new Set(groundsFor('DISCLOSURE'))).toEqual(new Set(['RISK_TO_LIFE_OR_RIGHTS', 'SERIOUS_HINDRANCE_TO_BUSINESS', 'VIOLATION_OF_OTHER_LAWS', 'NO_DATA_RETAINED', 'IDENTITY_NOT_VERIFIED']));
    expect(new Set(groundsFor('CORRECTION'))).toEqual(new Set(['NO_DATA_RETAINED', 'IDENTITY_NOT_VERIFIED', 'NOT_WITHIN_GROUNDS', 'VIOLATION_OF_OTHER_LAWS']));
    expect(new Set(groundsFor('ERASURE'))).toEqual(new Set(['NO_DATA_RETAINED', 'IDENTITY_NOT_VERIFIED', 'NOT_WITHIN_GROUNDS', 'ALTERNATIVE_MEASURE_TAKEN']));
    expect(groundsFor('SUSPENSION_OF_PROVISION')).toEqual(groundsFor('ERASURE'));
    expect(groundsFor('COMPLAINT')).toEqual([]);
  });

  it('names every type in both languages, and an unknown code as it is', () => {
    for (const label of Object.values(REQUEST_TYPES)) expect(label.ja && label.en).toBeTruthy();
    expect(words(REQUEST_TYPES, 'ERASURE')).toBe('消去 · Erasure');
    expect(words(REQUEST_TYPES, 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(words(REQUEST_TYPES, null)).toBe('—');
  });

  it('asks for a delivery method only for disclosures, and a person for all but complaints and consultations', () => {
    expect(needsDeliveryMethod('DISCLOSURE_OF_PROVISION_RECORD')).toBe(true);
    expect(needsDeliveryMethod('ERASURE')).toBe(false);
    expect(isAboutPerson('CONSULTATION')).toBe(false);
    expect(isAboutPerson('CORRECTION')).toBe(true);
  });
});
