import { GROUNDS_BY_TYPE, groundProblem, REFUSAL_GROUNDS, resultOf } from './refusal-grounds';
import { SUBJECT_REQUEST_TYPES } from './request-types';

describe('refusal grounds by type of request', () => {
  it('allows the three grounds of policy section 9.2 for disclosure, the notification of purpose and the record of provision', () => {
    for (const type of ['DISCLOSURE', 'NOTIFICATION_OF_PURPOSE', 'DISCLOSURE_OF_PROVISION_RECORD'] as const) {
      for (const ground of ['RISK_TO_LIFE_OR_RIGHTS', 'SERIOUS_HINDRANCE_TO_BUSINESS', 'VIOLATION_OF_OTHER_LAWS'] as const) expect(groundProblem(type, ground)).toBeNull();
      expect(groundProblem(type, 'NOT_WITHIN_GROUNDS')).toMatch(/cannot be refused on NOT_WITHIN_GROUNDS/);
    }
  });

  it('refuses a correction of accurate data or a stop without legal grounds as NOT_WITHIN_GROUNDS, not as a risk', () => {
    for (const type of ['CORRECTION', 'SUSPENSION_OF_USE', 'SUSPENSION_OF_PROVISION', 'ERASURE'] as const) {
      expect(groundProblem(type, 'NOT_WITHIN_GROUNDS')).toBeNull();
      expect(groundProblem(type, 'RISK_TO_LIFE_OR_RIGHTS')).not.toBeNull();
    }
    expect(groundProblem('CORRECTION', 'ALTERNATIVE_MEASURE_TAKEN')).not.toBeNull();
    expect(groundProblem('ERASURE', 'ALTERNATIVE_MEASURE_TAKEN')).toBeNull();
  });

  it('never refuses a complaint or a consultation', () => {
    for (const ground of REFUSAL_GROUNDS) {
      expect(groundProblem('COMPLAINT', ground)).toMatch(/answered/);
      expect(groundProblem('CONSULTATION', ground)).toMatch(/answered/);
    }
  });

  it('lets every personal-data request be refused for want of data or of a verified identity', () => {
    for (const type of SUBJECT_REQUEST_TYPES.filter((t) => GROUNDS_BY_TYPE[t].length > 0)) {
      expect(GROUNDS_BY_TYPE[type]).toEqual(expect.arrayContaining(['NO_DATA_RETAINED', 'IDENTITY_NOT_VERIFIED']));
    }
  });

  it('derives the closing result from the refusal', () => {
    expect(resultOf(null)).toBe('ANSWERED');
    expect(resultOf({ extent: 'WHOLE' })).toBe('REFUSED');
    expect(resultOf({ extent: 'PART' })).toBe('PARTIALLY_REFUSED');
  });
});
