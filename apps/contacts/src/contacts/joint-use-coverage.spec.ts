import { coveringNoticeVersion, noticeRequiredFor, stateByDecision, stateOfNewPerson, stateOnceCovered } from './joint-use-coverage';

describe('who is covered by the joint-use notice', () => {
  it('needs a notice of purpose for web inquiries, event and transaction applications only', () => {
    expect(['WEB_INQUIRY', 'EVENT_APPLICATION', 'TRANSACTION_APPLICATION'].every((m) => noticeRequiredFor(m as never))).toBe(true);
    expect(noticeRequiredFor('BUSINESS_CARD')).toBe(false);
    expect(noticeRequiredFor('BUSINESS_DISCUSSION')).toBe(false);
  });

  it('takes the newest revision among the occasions that told the person of joint use', () => {
    expect(
      coveringNoticeVersion([
        { method: 'WEB_INQUIRY', noticeVersion: '2022-04-01', jointUseNotified: true },
        { method: 'EVENT_APPLICATION', noticeVersion: '2027-01-01', jointUseNotified: false },
        { noticeVersion: '2026-06-01', jointUseNotified: true },
      ]),
    ).toBe('2026-06-01');
  });

  it('counts a business card as told by the published notice, and a form that said nothing of joint use as not told', () => {
    expect(coveringNoticeVersion([{ method: 'BUSINESS_CARD', noticeVersion: '2022-04-01', jointUseNotified: false }])).toBe('2022-04-01');
    expect(coveringNoticeVersion([{ method: 'WEB_INQUIRY', noticeVersion: '2022-04-01', jointUseNotified: false }])).toBeNull();
    expect(coveringNoticeVersion([])).toBeNull();
  });
});

describe('joint-use state', () => {
  it('holds a new person never told of joint use, and a returning objector for that stronger reason', () => {
    expect(stateOfNewPerson(false, false)).toEqual({ jointUse: 'HELD', heldReason: 'JOINT_USE_NOT_NOTIFIED' });
    expect(stateOfNewPerson(true, false)).toEqual({ jointUse: 'HELD', heldReason: 'RETURNED_AFTER_OBJECTION' });
    expect(stateOfNewPerson(true, true)).toEqual({ jointUse: 'HELD', heldReason: 'RETURNED_AFTER_OBJECTION' });
    expect(stateOfNewPerson(false, true)).toEqual({ jointUse: 'ACTIVE', heldReason: null });
  });

  it('lifts only the hold for not having been told', () => {
    expect(stateOnceCovered({ jointUse: 'HELD', heldReason: 'JOINT_USE_NOT_NOTIFIED' })).toEqual({ jointUse: 'ACTIVE', heldReason: null });
    expect(stateOnceCovered({ jointUse: 'HELD', heldReason: 'RETURNED_AFTER_OBJECTION' })).toEqual({ jointUse: 'HELD', heldReason: 'RETURNED_AFTER_OBJECTION' });
    expect(stateOnceCovered({ jointUse: 'SUSPENDED', heldReason: null })).toEqual({ jointUse: 'SUSPENDED', heldReason: null });
    expect(stateOnceCovered({ jointUse: 'HELD', heldReason: null })).toEqual({ jointUse: 'HELD', heldReason: null });
  });

  it('does not make active, by decision, a person never told of joint use', () => {
    expect(stateByDecision('ACTIVE', false)).toEqual({ jointUse: 'HELD', heldReason: 'JOINT_USE_NOT_NOTIFIED' });
    expect(stateByDecision('ACTIVE', true)).toEqual({ jointUse: 'ACTIVE', heldReason: null });
    expect(stateByDecision('SUSPENDED', false)).toEqual({ jointUse: 'SUSPENDED', heldReason: null });
  });
});
